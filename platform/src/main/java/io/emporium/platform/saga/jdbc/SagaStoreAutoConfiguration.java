package io.emporium.platform.saga.jdbc;

import javax.sql.DataSource;

import io.emporium.platform.quarantine.TableQuarantine;
import io.emporium.platform.saga.Sagas;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The saga store of a service that runs sagas ({@code emporium.saga.store.enabled=true}, off by default): the
 * {@code saga_instance} table ({@link SagaSchema}), the {@link Sagas} port on it ({@link JdbcSagas}) and the sagas it
 * set aside, listed as a {@code Quarantine} of kind {@code saga}. Needs Spring JDBC, Flyway and one DataSource.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration" })
@ConditionalOnClass({ JdbcClient.class, Flyway.class, DependsOnDatabaseInitialization.class })
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "emporium.saga.store.enabled")
class SagaStoreAutoConfiguration {

    /** After the service's own migrations (Boot's Flyway initializer), which must run first ({@link SagaSchema}). */
    @Bean
    @DependsOnDatabaseInitialization
    SagaSchema sagaSchema(DataSource dataSource) {
        return SagaSchema.migrate(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean
    Sagas sagas(SagaSchema schema, DataSource dataSource, ObjectProvider<JdbcClient> jdbc,
            ObjectProvider<MeterRegistry> meters) {
        return new JdbcSagas(jdbc.getIfAvailable(() -> JdbcClient.create(dataSource)),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * The sagas the service set aside ({@link Sagas#quarantine}), listed by saga id. Released by clearing
     * {@code quarantined_at} and {@code quarantine_reason} of the saga's {@code saga_instance} row once the cause is
     * fixed; its deadline is then checked again.
     */
    @Bean
    TableQuarantine sagaQuarantine(SagaSchema schema, DataSource dataSource) {
        return new TableQuarantine("saga", dataSource, "saga_instance", "id", "quarantine_reason", "quarantined_at");
    }
}
