package io.emporium.platform.saga.jdbc;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * The saga store's table ({@code saga_instance}) in a service's database, migrated by its own Flyway instance:
 * scripts in {@code classpath:db/emporium-saga}, history in {@code saga_schema_history}, apart from the service's
 * migrations and from the platform's messaging tables, so only services that run sagas get the table.
 *
 * <p>It runs after the service's own Flyway (its bean is {@code @DependsOnDatabaseInitialization}), for the reason
 * {@code PlatformSchema} gives: a service's Flyway refuses a non-empty schema without its own history. So it meets a
 * non-empty schema itself, hence {@code baselineOnMigrate} with baseline version 0. Its scripts create only what is
 * missing: the orders service made the table with its own migrations before the platform shipped it, and those keep
 * running unchanged on existing databases.
 */
final class SagaSchema {

    static final String LOCATION = "classpath:db/emporium-saga";

    static final String HISTORY_TABLE = "saga_schema_history";

    private SagaSchema() {
    }

    /**
     * Brings {@code saga_instance} in {@code dataSource} (its default schema) up to date.
     *
     * @throws org.flywaydb.core.api.FlywayException if a migration fails
     */
    static SagaSchema migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations(LOCATION).table(HISTORY_TABLE)
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        return new SagaSchema();
    }
}
