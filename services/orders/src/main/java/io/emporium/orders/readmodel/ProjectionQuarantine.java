package io.emporium.orders.readmodel;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.emporium.platform.quarantine.Quarantine;
import io.emporium.platform.quarantine.QuarantinedItem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The orders the projector could not project ({@code projection_quarantine}), kind {@value #KIND}, item id = the order
 * id: their summary and timeline in the read model stay as they were before the failure (or absent). An order leaves
 * the quarantine as soon as a projection of it succeeds: at its next event, or at a rebuild once the cause is fixed.
 * Writes join the caller's transaction.
 */
@Repository
class ProjectionQuarantine implements Quarantine {

    static final String KIND = "projection";

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

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from projection_quarantine").query(Long.class).single();
    }

    @Override
    public List<QuarantinedItem> list(int limit) {
        return jdbc.sql("select order_id, reason, quarantined_at from projection_quarantine "
                + "order by quarantined_at, order_id limit ?").param(limit)
                .query(ProjectionQuarantine::item).list();
    }

    private static QuarantinedItem item(ResultSet row, int rowNumber) throws SQLException {
        return new QuarantinedItem(KIND, row.getObject(1, UUID.class).toString(), row.getString(2),
                row.getTimestamp(3).toInstant());
    }
}
