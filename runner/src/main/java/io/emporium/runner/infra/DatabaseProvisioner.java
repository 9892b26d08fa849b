package io.emporium.runner.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.emporium.runner.topology.ServiceDatabase;

/**
 * Creates each service's login role and database, owned by that role. Idempotent: an existing role gets its password
 * reset to the declared one, an existing database is left as it is. Names are validated identifiers (see the
 * topology), so quoting them is enough.
 */
public final class DatabaseProvisioner {

    private DatabaseProvisioner() {
    }

    /** @param admin a superuser (or CREATEROLE + CREATEDB) connection in auto-commit mode */
    public static void provision(Connection admin, List<ServiceDatabase> databases) throws SQLException {
        for (ServiceDatabase database : databases) {
            try (Statement statement = admin.createStatement()) {
                String password = database.password().replace("'", "''");
                if (exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", database.user())) {
                    statement.execute("ALTER ROLE " + quote(database.user()) + " WITH LOGIN PASSWORD '" + password + "'");
                } else {
                    statement.execute("CREATE ROLE " + quote(database.user()) + " WITH LOGIN PASSWORD '" + password + "'");
                }
                if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", database.name())) {
                    statement.execute("CREATE DATABASE " + quote(database.name()) + " OWNER " + quote(database.user()));
                }
            }
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
