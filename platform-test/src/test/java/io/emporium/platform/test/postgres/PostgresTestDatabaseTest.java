package io.emporium.platform.test.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs against the server the environment names (on a developer machine or CI: the local PostgreSQL). */
class PostgresTestDatabaseTest {

    @Test
    void owningRoleCanCreateAndQueryTables() throws SQLException {
        PostgresTestDatabase database = PostgresTestDatabase.shared("ptest");

        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("create table note (id bigint primary key, text varchar(20) not null)");
            sql.execute("insert into note values (1, 'hello')");
            try (ResultSet rows = sql.executeQuery("select text, current_user, current_database() from note")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("hello");
                assertThat(rows.getString(2)).isEqualTo(database.username());
                assertThat(rows.getString(3)).isEqualTo(database.name());
            }
        }
    }

    @Test
    void anotherTestRoleCannotConnectToTheDatabase() throws SQLException {
        PostgresTestDatabase mine = PostgresTestDatabase.shared("ptest");
        PostgresTestDatabase theirs = PostgresTestDatabase.shared("ptest_other");
        try (Connection connection = mine.connect(); Statement sql = connection.createStatement()) {
            sql.execute("create table if not exists secret (id bigint primary key)");
        }

        assertThatThrownBy(() -> PostgresServer.connect(mine.url(), theirs.username(), theirs.password()).close())
                .isInstanceOfSatisfying(SQLException.class,
                        ex -> assertThat(ex.getSQLState()).as("insufficient privilege").isEqualTo("42501"));
    }

    @Test
    void databaseIsNamedAfterThePrefixAndSharedWithinTheJvm() {
        PostgresTestDatabase database = PostgresTestDatabase.shared("ptest");

        assertThat(database.name()).matches("ptest_[a-z0-9]{10}");
        assertThat(database.url()).endsWith("/" + database.name());
        assertThat(PostgresTestDatabase.shared("ptest")).isSameAs(database);
    }

    @Test
    void prefixMustBeAPlainLowerCaseIdentifier() {
        assertThatIllegalArgumentException().isThrownBy(() -> PostgresTestDatabase.shared("Robert'); drop table x;--"));
    }
}
