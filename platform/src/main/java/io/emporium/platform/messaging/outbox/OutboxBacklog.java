package io.emporium.platform.messaging.outbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gauges of what waits to be sent from the outbox of this database: {@code emporium.outbox.backlog} (rows) and
 * {@code emporium.outbox.oldest.age} (seconds since the oldest of them was published; 0 when none). Quarantined rows
 * are not counted: they wait for an operator, not for the relay, and {@code emporium.quarantined{kind=outbox}} counts
 * them (see {@code OutboxAutoConfiguration#outboxQuarantine}). Values come from one query, made at most once per
 * {@link #MAX_STALENESS} however often they are read. Both are NaN while the database cannot be asked.
 */
final class OutboxBacklog {

    static final Duration MAX_STALENESS = Duration.ofSeconds(1);
    private static final String QUERY = "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)"
            + " from outbox_message where quarantined_at is null";

    private final JdbcTemplate jdbc;
    private long readAt = System.nanoTime() - MAX_STALENESS.toNanos() - 1;
    private double rows = Double.NaN;
    private double oldestSeconds = Double.NaN;

    OutboxBacklog(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        Gauge.builder("emporium.outbox.backlog", this, OutboxBacklog::rows)
            .description("Messages in the outbox waiting for Kafka's acknowledgement (quarantined ones excluded)")
            .baseUnit("messages")
            .register(registry);
        TimeGauge.builder("emporium.outbox.oldest.age", this, TimeUnit.SECONDS, OutboxBacklog::oldestSeconds)
            .description("Age of the oldest message waiting for Kafka's acknowledgement (quarantined ones excluded)")
            .register(registry);
    }

    synchronized double rows() {
        refresh();
        return rows;
    }

    synchronized double oldestSeconds() {
        refresh();
        return oldestSeconds;
    }

    private void refresh() {
        long now = System.nanoTime();
        if (now - readAt < MAX_STALENESS.toNanos()) {
            return;
        }
        readAt = now;
        try {
            jdbc.query(QUERY, row -> {
                rows = row.getLong(1);
                oldestSeconds = row.getDouble(2);
            });
        }
        catch (DataAccessException ex) {
            rows = Double.NaN;
            oldestSeconds = Double.NaN;
        }
    }
}
