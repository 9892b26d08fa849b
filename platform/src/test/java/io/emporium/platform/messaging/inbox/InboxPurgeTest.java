package io.emporium.platform.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.emporium.platform.messaging.schema.PlatformSchema;
import io.emporium.platform.test.postgres.PostgresTestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Inbox retention on a real PostgreSQL database: old rows go, recent ones stay, in batches. */
class InboxPurgeTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.shared("inbox_purge");
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private JdbcTemplate jdbc;

    @BeforeEach
    void emptyInbox() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(DATABASE.url(), DATABASE.username(),
                DATABASE.password());
        PlatformSchema.migrate(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.update("delete from inbox_message");
    }

    @Test
    void deletesRowsOlderThanTheRetentionInBatchesAndKeepsTheRest() {
        int old = InboxPurge.BATCH * 2 + 7;
        jdbc.update("insert into inbox_message (consumer, message_id, processed_at)"
                + " select 'test.old', 'm-' || i, ? from generate_series(1, ?) i",
                Timestamp.from(NOW.minus(Duration.ofDays(15))), old);
        insert("test.recent", "r-1", NOW.minus(Duration.ofDays(13)));
        insert("test.recent", "r-2", NOW.minusSeconds(1));

        long deleted = purge(Duration.ofDays(14)).purge();

        assertThat(deleted).isEqualTo(old);
        assertThat(jdbc.queryForList("select message_id from inbox_message order by message_id", String.class))
            .containsExactly("r-1", "r-2");
        assertThat(registry.counter("emporium.inbox.purged").count()).isEqualTo(old);
    }

    @Test
    void aSecondPurgeFindsNothingLeft() {
        insert("test.old", "m-1", NOW.minus(Duration.ofDays(30)));
        InboxPurge purge = purge(Duration.ofDays(14));

        assertThat(purge.purge()).isEqualTo(1);
        assertThat(purge.purge()).isZero();
    }

    @Test
    void refusesARetentionThatIsNotPositive() {
        assertThatThrownBy(() -> purge(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("emporium.messaging.inbox.retention");
    }

    private InboxPurge purge(Duration retention) {
        return new InboxPurge(jdbc, retention, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC), registry);
    }

    private void insert(String consumer, String messageId, Instant processedAt) {
        jdbc.update("insert into inbox_message (consumer, message_id, processed_at) values (?, ?, ?)", consumer,
                messageId, Timestamp.from(processedAt));
    }
}
