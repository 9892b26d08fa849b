package io.emporium.platform.messaging.inbox;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inbox retention: deletes the inbox rows of messages processed longer than {@code retention} ago, so that the inbox
 * stays as large as the window in which a message can still come back. Runs every {@code interval} on a thread of its
 * own, in small batches (each its own short transaction) so that it never holds many row locks or blocks consumers.
 * Several instances of a service may purge at once: a delete is idempotent.
 * <p>
 * A message delivered again after its row was purged would run its effect again, so {@code retention} must exceed
 * every way a message can come back: Kafka redelivery after a rebalance (seconds) and a dead letter replayed with
 * {@code ./emporium dlq replay} (as long as Kafka keeps dead letters: 7 days by default). The default of 14 days
 * covers both.
 */
final class InboxPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxPurge.class);
    static final int BATCH = 1000;
    private static final String DELETE = "delete from inbox_message where ctid in (select ctid from inbox_message"
            + " where processed_at < ? limit " + BATCH + ")";

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final Duration interval;
    private final Clock clock;
    private final Counter purged;
    private ScheduledExecutorService executor;

    InboxPurge(JdbcTemplate jdbc, Duration retention, Duration interval, Clock clock, MeterRegistry registry) {
        if (retention.isNegative() || retention.isZero() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("emporium.messaging.inbox.retention and .purge-interval must be "
                    + "positive, not " + retention + " and " + interval);
        }
        this.jdbc = jdbc;
        this.retention = retention;
        this.interval = interval;
        this.clock = clock;
        this.purged = Counter.builder("emporium.inbox.purged")
            .description("Inbox rows deleted after their retention")
            .register(registry);
    }

    /** Deletes every row older than the retention, batch by batch; returns how many. */
    long purge() {
        OffsetDateTime before = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(retention);
        long total = 0;
        int deleted;
        do {
            deleted = jdbc.update(DELETE, statement -> statement.setObject(1, before, Types.TIMESTAMP_WITH_TIMEZONE));
            total += deleted;
            purged.increment(deleted);
        } while (deleted == BATCH);
        return total;
    }

    private void purgeQuietly() {
        try {
            long total = purge();
            if (total > 0) {
                log.info("Deleted {} inbox rows processed more than {} ago", total, retention);
            }
        } catch (DataAccessException e) {
            log.warn("Inbox retention could not delete old rows now, will try again in {}: {}", interval,
                    e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("emporium-inbox-purge")
                .daemon(true).factory());
        executor.scheduleWithFixedDelay(this::purgeQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
