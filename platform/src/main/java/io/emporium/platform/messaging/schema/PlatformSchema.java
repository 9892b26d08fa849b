package io.emporium.platform.messaging.schema;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's own tables ({@code outbox_message}, {@code inbox_message}) in a service's database, migrated by the
 * platform's own Flyway instance: scripts in {@code classpath:db/emporium-platform}, history in
 * {@code platform_schema_history}, so they never mix with the service's migrations and their
 * {@code flyway_schema_history}.
 *
 * <p>Order matters: a service's Flyway refuses to start on a non-empty schema without its own history table
 * ("Found non-empty schema(s) ... but no schema history table"), so the platform migrates <em>after</em> the
 * service's Flyway (the auto-configuration makes this bean depend on Boot's {@code flywayInitializer}). The platform's
 * Flyway then meets a non-empty schema itself, hence {@code baselineOnMigrate} with baseline version 0, so that its
 * version 1 still runs. Every bean that touches the tables depends on this one, so they exist before first use.
 */
public final class PlatformSchema {

    /** Flyway location of the platform's scripts. */
    public static final String LOCATION = "classpath:db/emporium-platform";

    /** The platform's Flyway history table. */
    public static final String HISTORY_TABLE = "platform_schema_history";

    private static final Logger log = LoggerFactory.getLogger(PlatformSchema.class);

    private final String version;

    private PlatformSchema(String version) {
        this.version = version;
    }

    /**
     * Brings the platform tables in {@code dataSource} (its default schema) up to date.
     *
     * @throws org.flywaydb.core.api.FlywayException if a migration fails
     */
    public static PlatformSchema migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
            .dataSource(dataSource)
            .locations(LOCATION)
            .table(HISTORY_TABLE)
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Platform tables migrated to version {} ({} migration(s))", result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
        return new PlatformSchema(result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion);
    }

    /** The schema version the last migration reached, or {@code unchanged}. */
    public String version() {
        return version;
    }
}
