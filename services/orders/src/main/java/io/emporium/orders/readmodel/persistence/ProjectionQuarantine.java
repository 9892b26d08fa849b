package io.emporium.orders.readmodel.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.stereotype.Repository;

/**
 * Sets aside the orders the projector could not project ({@code projection_quarantine}): their summary and timeline
 * in the read model stay as they were before the failure (or absent). An order leaves the quarantine as soon as a
 * projection of it succeeds: at its next event, or at a rebuild once the cause is fixed. Writes join the caller's
 * transaction; the orders are listed as kind {@code projection}
 * ({@code ReadModelConfiguration#quarantinedProjections}).
 */
@Repository
class ProjectionQuarantine {

    private final JdbcClient jdbc;

    ProjectionQuarantine(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sets the order aside, or, when it already is, records the latest reason (and keeps the first time). */
    void add(UUID orderId, String reason) {
        jdbc.sql("insert into projection_quarantine (order_id, reason) values (?, ?) "
                + "on conflict (order_id) do update set reason = excluded.reason")
                .params(orderId, reason).update();
    }

    /** Takes these orders out of the quarantine, those that are in it. */
    void release(Collection<UUID> orderIds) {
        if (!orderIds.isEmpty()) {
            UUID[] ids = orderIds.toArray(UUID[]::new);
            jdbc.sql("delete from projection_quarantine where order_id = any(?)")
                    .param(new AbstractSqlTypeValue() {
                        @Override
                        protected Object createTypeValue(Connection connection, int sqlType, @Nullable String typeName)
                                throws SQLException {
                            return connection.createArrayOf("uuid", ids);
                        }
                    }).update();
        }
    }

    void clear() {
        jdbc.sql("delete from projection_quarantine").update();
    }
}
