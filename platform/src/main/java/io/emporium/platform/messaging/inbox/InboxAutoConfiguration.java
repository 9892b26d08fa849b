package io.emporium.platform.messaging.inbox;

import java.time.Clock;

import javax.sql.DataSource;

import io.emporium.platform.messaging.Inbox;
import io.emporium.platform.messaging.MessagingProperties;
import io.emporium.platform.messaging.schema.PlatformSchema;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** The inbox (idempotent consumer), in every service where messaging applies. */
@AutoConfiguration(afterName = "io.emporium.platform.messaging.MessagingAutoConfiguration")
@ConditionalOnBean(PlatformSchema.class)
class InboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Inbox inbox(PlatformSchema schema, DataSource dataSource, ObjectProvider<MeterRegistry> registry) {
        return new JdbcInbox(new JdbcTemplate(dataSource), registry.getIfAvailable(SimpleMeterRegistry::new),
                Clock.systemUTC());
    }

    @Bean
    InboxPurge inboxPurge(PlatformSchema schema, DataSource dataSource, MessagingProperties properties,
            ObjectProvider<MeterRegistry> registry) {
        return new InboxPurge(new JdbcTemplate(dataSource), properties.inbox().retention(),
                properties.inbox().purgeInterval(), Clock.systemUTC(), registry.getIfAvailable(SimpleMeterRegistry::new));
    }
}
