package io.emporium.orders.saga.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.emporium.orders.saga.model.SagaInstance;
import io.emporium.orders.saga.model.SagaStatus;
import io.emporium.orders.saga.model.Sagas;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Saga instances in {@code saga_instance}, locked row by row while a transition runs. */
@Repository
class JdbcSagas implements Sagas {

    private final JdbcClient jdbc;

    JdbcSagas(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(SagaInstance instance) {
        jdbc.sql("insert into saga_instance (id, definition, step, status, deadline, failure, version) "
                + "values (?, ?, ?, ?, ?, ?, 1)")
                .params(instance.id(), instance.definition(), instance.step(), instance.status().name(),
                        timestamp(instance.deadline()), instance.failure())
                .update();
    }

    @Override
    public Optional<SagaInstance> lock(String id) {
        return jdbc.sql("select id, definition, step, status, deadline, failure, version from saga_instance "
                + "where id = ? for update").param(id).query(JdbcSagas::instance).optional();
    }

    @Override
    public void update(SagaInstance instance) {
        int updated = jdbc.sql("update saga_instance set step = ?, status = ?, deadline = ?, failure = ?, "
                + "version = version + 1, updated_at = now() where id = ? and version = ?")
                .params(instance.step(), instance.status().name(), timestamp(instance.deadline()), instance.failure(),
                        instance.id(), instance.version())
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("saga " + instance.id() + " changed concurrently");
        }
    }

    @Override
    public List<String> expired(Instant now, int limit) {
        return jdbc.sql("select id from saga_instance where status = 'RUNNING' and deadline < ? "
                + "order by deadline limit ? for update skip locked")
                .params(Timestamp.from(now), limit).query(String.class).list();
    }

    private static SagaInstance instance(ResultSet rs, int row) throws SQLException {
        Timestamp deadline = rs.getTimestamp("deadline");
        return new SagaInstance(rs.getString("id"), rs.getString("definition"), rs.getInt("step"),
                SagaStatus.valueOf(rs.getString("status")), deadline == null ? null : deadline.toInstant(),
                rs.getString("failure"), rs.getLong("version"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
