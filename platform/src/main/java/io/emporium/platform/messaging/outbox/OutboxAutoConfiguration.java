package io.emporium.platform.messaging.outbox;

import java.time.Clock;

import javax.sql.DataSource;

import io.emporium.platform.messaging.MessagingProperties;
import io.emporium.platform.messaging.Outbox;
import io.emporium.platform.messaging.producer.MessagingProducer;
import io.emporium.platform.messaging.schema.PlatformSchema;
import io.emporium.platform.quarantine.TableQuarantine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox, its relay (see {@link OutboxRelay}), its backlog gauges and its quarantine (a
 * {@code Quarantine} of kind {@code outbox}), in every service where messaging applies. Set
 * {@code emporium.messaging.relay.enabled=false} to publish without running a relay in this instance.
 */
@AutoConfiguration(afterName = "io.emporium.platform.messaging.MessagingAutoConfiguration")
@ConditionalOnBean(PlatformSchema.class)
class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnBooleanProperty(name = "emporium.messaging.relay.enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(PlatformSchema schema, DataSource dataSource, MessagingProducer producer,
            MessagingProperties properties, ObjectProvider<MeterRegistry> registry) {
        return new OutboxRelay("emporium-outbox-relay", dataSource, producer.template(), properties.relay(),
                registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    OutboxBacklog outboxBacklog(PlatformSchema schema, DataSource dataSource, ObjectProvider<MeterRegistry> registry) {
        return new OutboxBacklog(new JdbcTemplate(dataSource), registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * The outbox rows the relay set aside ({@link OutboxRelay} says when), kind {@code outbox}, item id = the row's
     * {@code id}; listed whether or not this instance runs a relay, since the rows are in the database all instances
     * share. They stay in the table until an operator releases or deletes them. Releasing a row puts it back in line:
     * it is the oldest, so the next round sends it (after the later messages of its key, which went on without it):
     * {@code update outbox_message set quarantined_at = null, quarantine_reason = null, failed_sends = 0 where id = 42}.
     */
    @Bean
    TableQuarantine outboxQuarantine(PlatformSchema schema, DataSource dataSource) {
        return new TableQuarantine("outbox", dataSource, "outbox_message", "id::text",
                "type || ' to ' || topic || ', key ' || message_key || ', message ' || message_id || ': ' "
                        + "|| quarantine_reason", "quarantined_at");
    }

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(PlatformSchema schema, DataSource dataSource, ObjectProvider<JsonMapper> jsonMapper,
            @Value("${spring.application.name:application}") String source, ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator, ObjectProvider<OutboxRelay> relay) {
        OutboxRelay localRelay = relay.getIfAvailable();
        Runnable wakeRelay = localRelay == null ? () -> { } : localRelay::wake;
        return new JdbcOutbox(new JdbcTemplate(dataSource), jsonMapper.getIfAvailable(JsonMapper::shared), source,
                new TraceparentCapture(tracer.getIfAvailable(), propagator.getIfAvailable()), wakeRelay,
                Clock.systemUTC());
    }
}
