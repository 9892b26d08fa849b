package io.emporium.platform.messaging.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import io.emporium.platform.messaging.MessagingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends committed outbox rows to Kafka, in id order, and deletes exactly the rows Kafka acknowledged; a row that cannot
 * be sent is quarantined, so that it never stalls the others.
 *
 * <p>Every instance of a publishing service runs one relay; per database only one of them sends at a time: each round
 * runs in its own transaction that first takes the transaction-level advisory lock {@link #LOCK_KEY}
 * ({@code pg_try_advisory_xact_lock}); the others find it taken and try again later. A round reads the oldest
 * {@code batchSize} sendable rows, sends them all (the producer has {@code acks=all} and idempotence, so records of
 * one partition keep their order), waits for every acknowledgement and deletes the acknowledged rows in the same
 * transaction. A row that failed stays, and so do the later rows of its topic and key (its stream), so a stream is
 * never reordered; a later round resends them (at least once: a row acknowledged but kept, or acknowledged just before
 * a crash, is sent again, and consumers deduplicate with the inbox).
 *
 * <h2>Quarantine</h2>
 * A row that cannot be sent is marked in place ({@code quarantined_at}, {@code quarantine_reason}; never deleted),
 * logged at ERROR with its row id and message id, and skipped from then on;
 * {@code OutboxAutoConfiguration#outboxQuarantine} counts and lists such rows and says how to release one. A row is quarantined
 * <ul>
 * <li>at once when Kafka refuses it for good ({@link #refusedForGood}: larger than the producer or the broker accepts,
 * an invalid topic name, a record that cannot be serialized), or when no record can be built from it;</li>
 * <li>after {@code quarantineAfter} failed sends when it keeps failing while Kafka acknowledges other rows in the same
 * rounds (a topic that does not exist, a partition without a leader for minutes). From its first such failure until
 * it goes out or is quarantined, it holds the later rows of its stream back: they are not even read, so a stream
 * stuck behind a failing row does not fill the batches and everything else keeps flowing.</li>
 * </ul>
 * A round in which Kafka acknowledges nothing (it is down or unreachable, every send times out) blames no row: that is
 * an outage, and the relay backs off and tries again for as long as it lasts. The relay cannot tell a batch made only
 * of failing rows from an outage either, and treats it as one (nothing quarantined; the outbox alerts fire).
 *
 * <p>Ordering after a quarantine: the later rows of the quarantined row's stream go out without it, so consumers see
 * that stream with a gap, and a released row arrives after them. Holding the whole stream instead would stop that
 * aggregate (an order's saga) until an operator acts, and would let a stream that is written faster than it is
 * quarantined grow without bound. Consumers already have to cope with a message they cannot apply (it is retried,
 * then dead-lettered), and the quarantine alert and log name the row. See ADR 0002.
 *
 * <p>Rounds follow each other at once while batches are full; otherwise the relay waits for a commit in this instance
 * ({@link #wake}) or for the poll interval, whichever comes first. After a failed round (Kafka or the database
 * unreachable) it backs off exponentially up to {@code maxBackoff} and tries again forever, logging once when an
 * outage starts and once when it ends; a round in which some rows failed while others were acknowledged is not an
 * outage and is followed as usual. Stopping finishes the current round and makes one last attempt, so rows committed
 * by requests that completed during graceful shutdown are not left behind.
 *
 * <p>Errors: an {@link Error} thrown in a round (an {@code OutOfMemoryError}, a {@code LinkageError}, ...) rolls the
 * round back and counts as a failed round: it is logged at ERROR with its stack trace each time, the relay backs off
 * and tries again, and no row is quarantined for it, since an Error tells about this JVM, not about a message. The
 * relay's thread ends only when the relay is stopped.
 *
 * <p>Ordering caveat: ids come from a sequence at insert time, so two transactions running at the same time may
 * commit in the opposite order of their ids. Per key this does not matter as long as transactions on the same
 * aggregate are serialized (the aggregate's row or version is locked/checked before publishing), which is how
 * aggregates are written anyway.
 */
final class OutboxRelay implements SmartLifecycle {

    /** Advisory lock key of the relay leadership, per database ("emporium" in ASCII). */
    static final long LOCK_KEY = 0x656d706f7269756dL;

    /** Stops after the web server and the listener containers, so late commits still go out. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    /** What Kafka refuses however often it is sent: something is wrong with the record, not with Kafka's state. */
    private static final List<Class<? extends Exception>> REFUSED_FOR_GOOD = List.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, InvalidTopicException.class, InvalidRecordException.class,
            SerializationException.class);

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** The oldest rows that are not quarantined and not held back behind a failing row of their stream. */
    private static final String SELECT = "select " + OutboxRow.COLUMNS + " from outbox_message m"
            + " where m.quarantined_at is null and not exists (select 1 from outbox_message f"
            + " where f.failed_sends > 0 and f.quarantined_at is null and f.topic = m.topic"
            + " and f.message_key = m.message_key and f.id < m.id)"
            + " order by m.id limit ?";
    private static final String DELETE = "delete from outbox_message where id = any(?)";
    private static final String COUNT_FAILURE = "update outbox_message set failed_sends = failed_sends + 1"
            + " where id = any(?) returning id, failed_sends";
    private static final String QUARANTINE = "update outbox_message set quarantined_at = now(), quarantine_reason = ?"
            + " where id = ?";

    private final String name;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaOperations<String, byte[]> kafka;
    private final MessagingProperties.Relay settings;
    private final Counter published;
    private final Counter failed;
    private final Counter quarantined;
    private final Timer delay;
    private final Semaphore wakeups = new Semaphore(0);
    private volatile @Nullable CountDownLatch stopSignal;
    private volatile @Nullable Thread thread;
    private volatile boolean running;

    // outage bookkeeping, relay thread only
    private @Nullable Instant outageSince;
    private int failedRounds;
    private Duration backoff = Duration.ZERO;

    /**
     * @param name names the relay's thread
     * @param dataSource the service's database, holding {@code outbox_message}; the relay uses its own transactions
     * @param kafka a template with String keys and byte[] values, for a producer with {@code acks=all} and
     *     idempotence (see {@code MessagingProducer}); its observation must be off, the relay sets the trace headers
     * @throws IllegalArgumentException if the batch size or {@code quarantineAfter} is below 1
     */
    OutboxRelay(String name, DataSource dataSource, KafkaOperations<String, byte[]> kafka,
            MessagingProperties.Relay settings, MeterRegistry registry) {
        if (settings.batchSize() < 1) {
            throw new IllegalArgumentException("emporium.messaging.relay.batch-size must be at least 1");
        }
        if (settings.quarantineAfter() < 1) {
            throw new IllegalArgumentException("emporium.messaging.relay.quarantine-after must be at least 1");
        }
        this.name = name;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.kafka = kafka;
        this.settings = settings;
        this.published = Counter.builder("emporium.outbox.published")
            .description("Messages sent from the outbox and acknowledged by Kafka")
            .register(registry);
        this.failed = Counter.builder("emporium.outbox.failed")
            .description("Outbox sends that failed (the message stays: it is sent again, or quarantined)")
            .register(registry);
        this.quarantined = Counter.builder("emporium.outbox.quarantined")
            .description("Outbox messages set aside because they cannot be sent (emporium.quarantined{kind=outbox}"
                    + " counts those still there)")
            .register(registry);
        this.delay = Timer.builder("emporium.outbox.delay")
            .description("Time from publishing a message to Kafka's acknowledgement")
            .register(registry);
    }

    /** Makes an idle relay run a round now (called after a commit that wrote outbox rows). Cheap, never blocks. */
    void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopSignal = new CountDownLatch(1);
        Thread relay = new Thread(this::run, name);
        relay.setDaemon(true);
        thread = relay;
        relay.start();
    }

    @Override
    public synchronized void stop() {
        Thread relay = thread;
        CountDownLatch signal = stopSignal;
        if (!running || relay == null || signal == null) {
            return;
        }
        running = false;
        signal.countDown();
        wake();
        try {
            relay.join(STOP_TIMEOUT.plus(settings.sendTimeout()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        if (relay.isAlive()) {
            log.warn("Outbox relay {} did not stop in time; unsent messages stay in the outbox", name);
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void run() {
        Round last = Round.IDLE;
        while (running) {
            last = safeRound();
            if (last == Round.FAILED) {
                pause(backoff, false);
            }
            else if (last != Round.FULL) {
                pause(settings.pollInterval(), true);
            }
        }
        if (last != Round.FAILED) {
            safeRound();
        }
    }

    /** One round in its transaction; whatever it throws, an Error included, ends as a failed round. */
    private Round safeRound() {
        Round round;
        @Nullable Throwable failure = null;
        try {
            Result result = transactions.execute(status -> round());
            round = result == null ? Round.FAILED : result.round();
            failure = result == null ? null : result.failure();
        }
        catch (RuntimeException ex) {
            round = Round.FAILED;
            failure = ex;
        }
        catch (Error error) {
            log.error("Outbox relay {} met an Error; the round was rolled back, nothing was quarantined for it, and"
                    + " the relay tries again with backoff", name, error);
            round = Round.FAILED;
            failure = error;
        }
        if (round == Round.FAILED) {
            noteFailure(failure);
        }
        else if (round != Round.NOT_LEADER) {
            noteSuccess();
        }
        return round;
    }

    private Result round() {
        Boolean leader = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_KEY);
        if (!Boolean.TRUE.equals(leader)) {
            return new Result(Round.NOT_LEADER, null);
        }
        List<OutboxRow> rows = jdbc.query(SELECT, OutboxRow::map, settings.batchSize());
        if (rows.isEmpty()) {
            return new Result(Round.IDLE, null);
        }
        Delivery delivery = send(rows);
        delivery.refused().forEach(this::quarantine);
        if (delivery.kafkaAnswered()) {
            countFailures(delivery.failed());
        }
        if (!delivery.acknowledged().isEmpty()) {
            delete(delivery.acknowledged());
        }
        published.increment(delivery.acknowledged().size());
        Instant now = Instant.now();
        for (OutboxRow row : delivery.acknowledged()) {
            delay.record(Duration.between(row.createdAt().toInstant(), now));
        }
        if (!delivery.failed().isEmpty() && !delivery.kafkaAnswered()) {
            return new Result(Round.FAILED, delivery.failed().values().iterator().next());
        }
        return new Result(rows.size() == settings.batchSize() ? Round.FULL : Round.PARTIAL, null);
    }

    /**
     * Sends rows in order and waits for the acknowledgements. A send that fails at once for a reason other than the
     * record itself (typically no metadata within {@code max.block.ms}) makes the round skip the later rows of that
     * topic, since each would wait as long; when that happens for a second topic, Kafka looks unreachable and the
     * round sends nothing more.
     */
    private Delivery send(List<OutboxRow> rows) {
        Map<OutboxRow, CompletableFuture<?>> sends = new LinkedHashMap<>();
        Map<OutboxRow, String> refused = new LinkedHashMap<>();
        Set<String> unanswered = new HashSet<>();
        for (OutboxRow row : rows) {
            if (unanswered.contains(row.topic())) {
                continue;
            }
            ProducerRecord<String, byte[]> record;
            try {
                record = row.toRecord();
            }
            catch (RuntimeException ex) {
                failed.increment();
                refused.put(row, "no record can be built from it: " + describe(ex));
                continue;
            }
            CompletableFuture<?> send;
            try {
                send = kafka.send(record);
            }
            catch (RuntimeException ex) {
                send = CompletableFuture.failedFuture(ex);
            }
            sends.put(row, send);
            if (send.isCompletedExceptionally() && !refusedForGood(send.exceptionNow())) {
                unanswered.add(row.topic());
                if (unanswered.size() > 1) {
                    break;
                }
            }
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        List<OutboxRow> acknowledged = new ArrayList<>(sends.size());
        Map<OutboxRow, Exception> failures = new LinkedHashMap<>();
        Set<String> blocked = new HashSet<>();
        boolean kafkaAnswered = false;
        for (Map.Entry<OutboxRow, CompletableFuture<?>> send : sends.entrySet()) {
            OutboxRow row = send.getKey();
            @Nullable Exception error = await(send.getValue(), deadline);
            if (error == null) {
                kafkaAnswered = true;
                if (!blocked.contains(row.stream())) {
                    acknowledged.add(row);
                }
                continue;
            }
            failed.increment();
            if (refusedForGood(error)) {
                refused.put(row, "refused by Kafka for good: " + describe(error));
            }
            else {
                failures.put(row, error);
                blocked.add(row.stream());
            }
        }
        return new Delivery(acknowledged, refused, failures, kafkaAnswered);
    }

    /**
     * Whether Kafka refuses this for good: one of {@link #REFUSED_FOR_GOOD}, anywhere in the cause chain (the
     * template wraps the producer's exception).
     */
    private static boolean refusedForGood(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 16; cause = cause.getCause(), depth++) {
            for (Class<? extends Exception> type : REFUSED_FOR_GOOD) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Counts a failed send against each row while Kafka acknowledged others; quarantines those that reach the limit. */
    private void countFailures(Map<OutboxRow, Exception> failures) {
        if (failures.isEmpty()) {
            return;
        }
        Map<Long, OutboxRow> byId = new LinkedHashMap<>();
        failures.keySet().forEach(row -> byId.put(row.id(), row));
        Long[] ids = byId.keySet().toArray(Long[]::new);
        Map<Long, Integer> counts = new LinkedHashMap<>();
        jdbc.query(COUNT_FAILURE, statement -> statement.setArray(1, bigints(statement.getConnection(), ids)),
                row -> {
                    counts.put(row.getLong(1), row.getInt(2));
                });
        counts.forEach((id, count) -> {
            OutboxRow row = byId.get(id);
            Exception error = failures.get(row);
            if (count >= settings.quarantineAfter()) {
                quarantine(row, "failed " + count + " times while Kafka acknowledged other messages; last: "
                        + describe(error));
            }
            else if (count == 1) {
                log.warn("Outbox message {} (row {}, {} to {}) failed while Kafka acknowledged other messages: {};"
                        + " the later messages of its key wait behind it, and it is quarantined after {} such"
                        + " failures", row.messageId(), row.id(), row.type(), row.topic(), describe(error),
                        settings.quarantineAfter());
            }
            else {
                log.debug("Outbox message {} (row {}) failed again ({} of {}): {}", row.messageId(), row.id(), count,
                        settings.quarantineAfter(), describe(error));
            }
        });
    }

    private void quarantine(OutboxRow row, String reason) {
        jdbc.update(QUARANTINE, reason, row.id());
        quarantined.increment();
        log.error("Outbox message {} (row {}, {} to {} with key {}) is quarantined and will not be sent: {}. The other"
                + " messages go on without it; see /actuator/quarantine, and release it once the cause is fixed with:"
                + " update outbox_message set quarantined_at = null, quarantine_reason = null, failed_sends = 0"
                + " where id = {}", row.messageId(), row.id(), row.type(), row.topic(), row.key(), reason, row.id());
    }

    private void delete(List<OutboxRow> rows) {
        Long[] ids = rows.stream().map(OutboxRow::id).toArray(Long[]::new);
        jdbc.update(DELETE, statement -> statement.setArray(1, bigints(statement.getConnection(), ids)));
    }

    private static Array bigints(Connection connection, Long[] ids) throws SQLException {
        return connection.createArrayOf("bigint", ids);
    }

    private static @Nullable Exception await(CompletableFuture<?> send, long deadline) {
        try {
            send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        }
        catch (ExecutionException ex) {
            return ex.getCause() instanceof Exception cause ? cause : ex;
        }
        catch (TimeoutException ex) {
            return new TimeoutException("no acknowledgement from Kafka in time");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return ex;
        }
    }

    private void noteFailure(@Nullable Throwable failure) {
        failedRounds++;
        backoff = backoff.isZero() ? min(FIRST_BACKOFF, settings.maxBackoff()) : min(backoff.multipliedBy(2),
                settings.maxBackoff());
        if (outageSince == null) {
            outageSince = Instant.now();
            log.warn("Outbox relay {} cannot publish ({}); messages stay in the outbox and are retried with backoff"
                    + " up to {} until this recovers (logged once per outage)", name, describe(failure),
                    settings.maxBackoff());
        }
        else {
            log.debug("Outbox relay {} still cannot publish: {}", name, describe(failure));
        }
    }

    private void noteSuccess() {
        if (outageSince != null) {
            log.info("Outbox relay {} publishes again after {} ({} failed attempts)", name,
                    Duration.between(outageSince, Instant.now()), failedRounds);
            outageSince = null;
            failedRounds = 0;
        }
        backoff = Duration.ZERO;
    }

    private void pause(Duration duration, boolean wakeable) {
        CountDownLatch signal = stopSignal;
        try {
            if (wakeable) {
                wakeups.tryAcquire(duration.toNanos(), TimeUnit.NANOSECONDS);
                wakeups.drainPermits();
            }
            else if (signal != null) {
                signal.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** The failure in one line: its class and message, and those of its root cause. */
    private static String describe(@Nullable Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? message : message + " (caused by " + root.getClass().getSimpleName() + ": "
                + root.getMessage() + ")";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** How a round ended. */
    enum Round {
        /** Another instance holds the relay lock. */
        NOT_LEADER,
        /** Nothing to send. */
        IDLE,
        /** Read fewer rows than a batch: caught up. */
        PARTIAL,
        /** Read a full batch: there may be more. */
        FULL,
        /** Kafka acknowledged nothing and something failed, or the round itself failed; unacknowledged rows stay. */
        FAILED
    }

    private record Result(Round round, @Nullable Throwable failure) {
    }

    /**
     * What became of a round's rows: acknowledged and deletable, refused for good (to quarantine now, with the
     * reason), failed otherwise; rows not sent at all are in none. {@code kafkaAnswered}: Kafka acknowledged at least one row (even a
     * row kept because an earlier one of its stream failed), so it is reachable.
     */
    private record Delivery(List<OutboxRow> acknowledged, Map<OutboxRow, String> refused,
            Map<OutboxRow, Exception> failed, boolean kafkaAnswered) {
    }
}
