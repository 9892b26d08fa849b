package io.emporium.platform.test.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TestDatabasesTest {

    private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/postgres";

    @Test
    void droppedDatabasesAndRolesAreGoneFromTheServer() throws SQLException {
        TestDatabases databases = TestDatabases.start(ServerSettings.fromEnvironment());
        PostgresTestDatabase database = databases.create("ptest_drop");

        databases.dropAll();

        assertThat(count(databases.server(), "select count(*) from pg_database where datname = '" + database.name() + "'")).isZero();
        assertThat(count(databases.server(), "select count(*) from pg_roles where rolname = '" + database.username() + "'")).isZero();
    }

    @Test
    void unreachableServerFailsInCiNamingTheUrl() {
        assertThatIllegalStateException()
                .isThrownBy(() -> TestDatabases.start(new ServerSettings(UNREACHABLE, "postgres", null, true)))
                .withMessageContaining("not reachable at " + UNREACHABLE)
                .withMessageContaining("CI=true");
    }

    @Test
    void unreachableServerOutsideCiIsReplacedByAnEmbeddedPostgres() throws SQLException {
        TestDatabases databases = TestDatabases.start(new ServerSettings(UNREACHABLE, "postgres", null, false));
        PostgresTestDatabase database = databases.create("ptest_embedded");

        assertThat(database.url()).startsWith("jdbc:postgresql://localhost:").doesNotContain(":1/");
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("create table note (id bigint primary key)");
            sql.execute("insert into note values (7)");
            try (ResultSet rows = sql.executeQuery("select id from note")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(7);
            }
        }
    }

    @Test
    void databaseUrlKeepsHostPortAndParameters() {
        assertThat(PostgresServer.withDatabase("jdbc:postgresql://db.example:6543/postgres?sslmode=require", "shop_x"))
                .isEqualTo("jdbc:postgresql://db.example:6543/shop_x?sslmode=require");
        assertThat(PostgresServer.withDatabase("jdbc:postgresql://127.0.0.1:5432", "shop_x"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/shop_x");
    }

    private static long count(PostgresServer server, String query) throws SQLException {
        try (Connection admin = server.admin(); Statement sql = admin.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
