package io.emporium.platform.messaging.outbox;

import java.sql.Array;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends committed outbox rows to Kafka, in id order, and deletes exactly the rows Kafka acknowledged.
 *
 * <p>Every instance of a publishing service runs one relay; per database only one of them sends at a time: each round
 * runs in its own transaction that first takes the transaction-level advisory lock {@link #LOCK_KEY}
 * ({@code pg_try_advisory_xact_lock}); the others find it taken and try again later. A round reads the oldest
 * {@code batchSize} rows, sends them all (the producer has {@code acks=all} and idempotence, so records of one
 * partition keep their order), waits for every acknowledgement and deletes the acknowledged rows in the same
 * transaction. A row that failed stays, and so do the later rows of its topic and key, so a stream is never
 * reordered; the next round resends them (at least once: a row acknowledged but kept, or acknowledged just before a
 * crash, is sent again, and consumers deduplicate with the inbox).
 *
 * <p>Rounds follow each other at once while batches are full; otherwise the relay waits for a commit in this instance
 * ({@link #wake}) or for the poll interval, whichever comes first. After a failure (Kafka or the database unreachable)
 * it backs off exponentially up to {@code maxBackoff} and tries again forever, logging once when an outage starts
 * and once when it ends. Stopping finishes the current round and makes one last attempt, so rows committed by requests
 * that completed during graceful shutdown are not left behind.
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

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String SELECT = "select " + OutboxRow.COLUMNS + " from outbox_message order by id limit ?";
    private static final String DELETE = "delete from outbox_message where id = any(?)";

    private final String name;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaOperations<String, byte[]> kafka;
    private final MessagingProperties.Relay settings;
    private final Counter published;
    private final Counter failed;
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
     */
    OutboxRelay(String name, DataSource dataSource, KafkaOperations<String, byte[]> kafka,
            MessagingProperties.Relay settings, MeterRegistry registry) {
        if (settings.batchSize() < 1) {
            throw new IllegalArgumentException("emporium.messaging.relay.batch-size must be at least 1");
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
            .description("Outbox sends that failed (the message stays and is sent again)")
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

    private Round safeRound() {
        Round round;
        @Nullable Exception failure = null;
        try {
            Result result = transactions.execute(status -> round());
            round = result == null ? Round.FAILED : result.round();
            failure = result == null ? null : result.failure();
        }
        catch (RuntimeException ex) {
            round = Round.FAILED;
            failure = ex;
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
        if (!delivery.acknowledged().isEmpty()) {
            Long[] ids = delivery.acknowledged().stream().map(OutboxRow::id).toArray(Long[]::new);
            jdbc.update(DELETE, statement -> {
                Array array = statement.getConnection().createArrayOf("bigint", ids);
                statement.setArray(1, array);
            });
        }
        published.increment(delivery.acknowledged().size());
        Instant now = Instant.now();
        for (OutboxRow row : delivery.acknowledged()) {
            delay.record(Duration.between(row.createdAt().toInstant(), now));
        }
        if (delivery.failure() != null) {
            return new Result(Round.FAILED, delivery.failure());
        }
        return new Result(rows.size() == settings.batchSize() ? Round.FULL : Round.PARTIAL, null);
    }

    /**
     * Sends rows in order and waits for the acknowledgements. Stops dispatching at the first send that fails at once
     * (no metadata within {@code max.block.ms}: every further send would wait as long).
     */
    private Delivery send(List<OutboxRow> rows) {
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            CompletableFuture<?> send;
            try {
                ProducerRecord<String, byte[]> record = row.toRecord();
                send = kafka.send(record);
            }
            catch (RuntimeException ex) {
                send = CompletableFuture.failedFuture(ex);
            }
            sends.add(send);
            if (send.isCompletedExceptionally()) {
                break;
            }
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        List<OutboxRow> acknowledged = new ArrayList<>(sends.size());
        Set<String> blocked = new HashSet<>();
        @Nullable Exception failure = null;
        for (int i = 0; i < sends.size(); i++) {
            OutboxRow row = rows.get(i);
            @Nullable Exception error = await(sends.get(i), deadline);
            if (error != null) {
                failed.increment();
                blocked.add(row.stream());
                if (failure == null) {
                    failure = error;
                }
            }
            else if (!blocked.contains(row.stream())) {
                acknowledged.add(row);
            }
        }
        if (failure == null && sends.size() < rows.size()) {
            failure = new IllegalStateException("sending stopped early");
        }
        return new Delivery(acknowledged, failure);
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

    private void noteFailure(@Nullable Exception failure) {
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

    private static String describe(@Nullable Exception failure) {
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
        /** Sent fewer rows than a batch: caught up. */
        PARTIAL,
        /** Sent a full batch: there may be more. */
        FULL,
        /** Something failed; rows that were not acknowledged stay. */
        FAILED
    }

    private record Result(Round round, @Nullable Exception failure) {
    }

    private record Delivery(List<OutboxRow> acknowledged, @Nullable Exception failure) {
    }
}
