package io.emporium.platform.saga.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.emporium.platform.saga.SagaInstance;
import io.emporium.platform.saga.SagaStatus;
import io.emporium.platform.saga.Sagas;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Saga instances in {@code saga_instance} (created by {@link SagaSchema}), locked row by row while a transition
 * runs; a quarantined one keeps its row, marked ({@code quarantined_at}, {@code quarantine_reason}), and is left out
 * of {@link #expired}. A saga that ends is counted once its end is committed:
 * {@code emporium.saga.completed{definition,outcome}} (outcome {@code completed} or {@code compensated}) and its
 * duration from start to end in {@code emporium.saga.duration{definition,outcome}}. Every method joins the caller's
 * transaction (the store uses the service's DataSource).
 */
final class JdbcSagas implements Sagas {

    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    JdbcSagas(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    @Override
    public void insert(SagaInstance instance) {
        jdbc.sql("insert into saga_instance (id, definition, step, status, deadline, failure, retries, version) "
                + "values (?, ?, ?, ?, ?, ?, ?, 1)")
                .params(instance.id(), instance.definition(), instance.step(), instance.status().name(),
                        timestamp(instance.deadline()), instance.failure(), instance.retries())
                .update();
    }

    @Override
    public Optional<SagaInstance> lock(String id) {
        return jdbc.sql("select id, definition, step, status, deadline, failure, retries, version from saga_instance "
                + "where id = ? for update").param(id).query(JdbcSagas::instance).optional();
    }

    @Override
    public void update(SagaInstance instance) {
        List<Timestamp> started = jdbc.sql("update saga_instance set step = ?, status = ?, deadline = ?, failure = ?, "
                + "retries = ?, version = version + 1, updated_at = now() where id = ? and version = ? "
                + "returning started_at")
                .params(instance.step(), instance.status().name(), timestamp(instance.deadline()), instance.failure(),
                        instance.retries(), instance.id(), instance.version())
                .query(Timestamp.class).list();
        if (started.size() != 1) {
            throw new OptimisticLockingFailureException("saga " + instance.id() + " changed concurrently");
        }
        if (instance.status() != SagaStatus.RUNNING) {
            countWhenCommitted(instance, started.getFirst().toInstant());
        }
    }

    private void countWhenCommitted(SagaInstance instance, Instant startedAt) {
        String outcome = instance.status().name().toLowerCase(Locale.ROOT);
        Runnable count = () -> {
            Counter.builder("emporium.saga.completed").description("Sagas that ended, by how they ended")
                    .tag("definition", instance.definition()).tag("outcome", outcome).register(meters).increment();
            Timer.builder("emporium.saga.duration").description("Time from a saga's start to its end")
                    .tag("definition", instance.definition()).tag("outcome", outcome).publishPercentileHistogram()
                    .register(meters).record(Duration.between(startedAt, Instant.now()));
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        }
        else {
            count.run();
        }
    }

    @Override
    public List<String> expired(Instant now, int limit) {
        return jdbc.sql("select id from saga_instance where status = 'RUNNING' and deadline < ? "
                + "and quarantined_at is null order by deadline limit ? for update skip locked")
                .params(Timestamp.from(now), limit).query(String.class).list();
    }

    @Override
    public void quarantine(String id, String reason, Instant at) {
        jdbc.sql("update saga_instance set quarantined_at = ?, quarantine_reason = ? "
                + "where id = ? and quarantined_at is null")
                .params(Timestamp.from(at), reason, id).update();
    }

    private static SagaInstance instance(ResultSet rs, int row) throws SQLException {
        Timestamp deadline = rs.getTimestamp("deadline");
        return new SagaInstance(rs.getString("id"), rs.getString("definition"), rs.getInt("step"),
                SagaStatus.valueOf(rs.getString("status")), deadline == null ? null : deadline.toInstant(),
                rs.getString("failure"), rs.getInt("retries"), rs.getLong("version"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
