package io.emporium.platform.test.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server test databases are created on, seen through its admin role: the configured server, or,
 * outside CI when that one is unreachable, a real PostgreSQL started from embedded binaries for this JVM.
 */
final class PostgresServer {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final String JDBC_PREFIX = "jdbc:postgresql://";
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final String adminUrl;
    private final String adminUser;
    private final @Nullable String adminPassword;
    private final boolean embedded;

    private PostgresServer(String adminUrl, String adminUser, @Nullable String adminPassword, boolean embedded) {
        this.adminUrl = adminUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.embedded = embedded;
    }

    /**
     * Connects to the configured server. If it cannot be reached, fails when {@code settings.ci()}, otherwise
     * starts an embedded server (stopped, with its data, when the JVM exits). A server that is reachable but
     * refuses the admin role always fails: that is a configuration error, not a missing server.
     *
     * @throws IllegalStateException naming the URL when no usable server is available
     */
    static PostgresServer locate(ServerSettings settings) {
        PostgresServer configured = new PostgresServer(settings.url(), settings.user(), settings.password(), false);
        try (Connection ignored = configured.admin()) {
            return configured;
        }
        catch (SQLException ex) {
            if (!isUnreachable(ex)) {
                throw new IllegalStateException("PostgreSQL for integration tests at " + settings.url()
                        + " refused admin role '" + settings.user() + "' (set " + ServerSettings.USER_VARIABLE
                        + " / " + ServerSettings.PASSWORD_VARIABLE + "): " + ex.getMessage(), ex);
            }
            if (settings.ci()) {
                throw new IllegalStateException("PostgreSQL for integration tests is not reachable at "
                        + settings.url() + " and CI=true, so there is no embedded fallback: start that server or point "
                        + ServerSettings.URL_VARIABLE + " at one (" + ex.getMessage() + ")", ex);
            }
            log.warn("PostgreSQL is not reachable at {} ({}); starting an embedded PostgreSQL for this JVM",
                    settings.url(), ex.getMessage());
            return startEmbedded();
        }
    }

    private static PostgresServer startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
            return new PostgresServer(JDBC_PREFIX + "localhost:" + postgres.getPort() + "/postgres", "postgres",
                    null, true);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start an embedded PostgreSQL for integration tests", ex);
        }
    }

    /** A new connection as the admin role; the caller closes it. */
    Connection admin() throws SQLException {
        return connect(adminUrl, adminUser, adminPassword);
    }

    /** The JDBC URL of {@code database} on this server, keeping the configured URL's host, port and parameters. */
    String urlOf(String database) {
        return withDatabase(adminUrl, database);
    }

    /** Whether this is the embedded fallback server, which disappears with the JVM. */
    boolean embedded() {
        return embedded;
    }

    String adminUrl() {
        return adminUrl;
    }

    static Connection connect(String url, String user, @Nullable String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "emporium-platform-test");
        return DriverManager.getConnection(url, properties);
    }

    static String withDatabase(String url, String database) {
        if (!url.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException("Expected a URL like " + ServerSettings.DEFAULT_URL + ", got " + url);
        }
        int hostStart = JDBC_PREFIX.length();
        int query = url.indexOf('?', hostStart);
        int hostEnd = query < 0 ? url.length() : query;
        int slash = url.indexOf('/', hostStart);
        if (slash >= 0 && slash < hostEnd) {
            hostEnd = slash;
        }
        return JDBC_PREFIX + url.substring(hostStart, hostEnd) + "/" + database + (query < 0 ? "" : url.substring(query));
    }

    /** SQLSTATE class 08 is "connection exception": nothing answered, as opposed to a refusal. */
    private static boolean isUnreachable(SQLException ex) {
        return ex.getSQLState() != null && ex.getSQLState().startsWith("08");
    }
}
