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
}
