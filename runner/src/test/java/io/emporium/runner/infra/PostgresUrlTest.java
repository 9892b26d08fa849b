package io.emporium.runner.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {

    @Test
    void readsUserPasswordHostPortAndDatabase() {
        PostgresUrl url = PostgresUrl.parse("postgresql://admin:s%40cret@db.local:6543/admin_db");

        assertThat(url).isEqualTo(new PostgresUrl("db.local", 6543, "admin_db", "admin", "s@cret"));
        assertThat(url.jdbcUrl("catalog")).isEqualTo("jdbc:postgresql://db.local:6543/catalog");
        assertThat(url.toString()).doesNotContain("s@cret");
    }

    @Test
    void defaultsToThePostgresDatabaseAndPort() {
        assertThat(PostgresUrl.parse("jdbc:postgresql://postgres@127.0.0.1"))
                .isEqualTo(new PostgresUrl("127.0.0.1", 5432, "postgres", "postgres", null));
    }

    @Test
    void explainsTheExpectedForm() {
        assertThatThrownBy(() -> PostgresUrl.parse("mysql://x@y"))
                .hasMessageContaining("expected postgresql://user:password@host:port");
    }

    @Test
    void neverRepeatsThePasswordOfAUrlThatDoesNotParse() {
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://admin:p4ss word^@db.local:5432"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid URL").hasMessageContaining("at character")
                .hasMessageNotContaining("p4ss").hasMessageNotContaining("admin")
                .hasNoCause();
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:postgresql://admin:%zzhunter2@db.local"))
                .hasMessageContaining("not a valid URL").hasMessageNotContaining("hunter2");
    }

    @Test
    void neverRepeatsThePasswordOfAUrlOfTheWrongForm() {
        assertThatThrownBy(() -> PostgresUrl.parse("mysql://admin:hunter2@db.local:3306"))
                .hasMessageContaining("expected postgresql://").hasMessageNotContaining("hunter2");
        // the scheme forgotten: "admin" reads as the scheme and the password as the rest
        assertThatThrownBy(() -> PostgresUrl.parse("admin:hunter2@db.local:5432"))
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://admin:hunter2@"))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aPlusInThePasswordStaysAPlus() {
        assertThat(PostgresUrl.parse("postgresql://admin:a+b%2Bc@db.local").password()).isEqualTo("a+b+c");
    }
}
