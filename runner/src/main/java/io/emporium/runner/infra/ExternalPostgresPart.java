package io.emporium.runner.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import io.emporium.runner.process.PartFailure;
import io.emporium.runner.process.PartState;
import io.emporium.runner.topology.ServiceDatabase;

/** An existing PostgreSQL server ({@code --external}): nothing to start or stop, only the databases to provision. */
public final class ExternalPostgresPart extends ExternalPart {

    private final PostgresUrl url;
    private final List<ServiceDatabase> databases;

    public ExternalPostgresPart(PartState state, PostgresUrl url, List<ServiceDatabase> databases) {
        super(state);
        this.url = url;
        this.databases = List.copyOf(databases);
    }

    @Override
    void check() throws PartFailure {
        Properties properties = new Properties();
        properties.setProperty("user", url.user());
        if (url.password() != null) {
            properties.setProperty("password", url.password());
        }
        properties.setProperty("connectTimeout", "10");
        try (Connection admin = DriverManager.getConnection(url.adminJdbcUrl(), properties)) {
            DatabaseProvisioner.provision(admin, databases);
        } catch (SQLException e) {
            throw new PartFailure("postgres", "cannot provision databases on " + url + ": " + e.getMessage(), List.of());
        }
    }
}
