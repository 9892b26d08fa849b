package io.emporium.orders.readmodel.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.emporium.orders.order.model.Money;
import io.emporium.orders.order.model.OrderLine;
import io.emporium.orders.readmodel.application.OrderReadModel;
import io.emporium.orders.readmodel.model.OrderPage;
import io.emporium.orders.readmodel.model.OrderView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The read model's tables: {@code order_summary} (one row per order) and {@code order_timeline}. Writes join the
 * caller's transaction.
 */
@Repository
class JdbcOrderReadModel implements OrderReadModel {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcOrderReadModel(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<OrderView> find(UUID orderId) {
        return jdbc.sql("select * from order_summary where order_id = ?").param(orderId)
                .query((rs, row) -> summary(rs, timeline(orderId))).optional();
    }

    @Override
    public OrderPage byCustomer(String customerId, int page, int size) {
        long total = jdbc.sql("select count(*) from order_summary where customer_id = ?").param(customerId)
                .query(Long.class).single();
        List<OrderView> content = jdbc.sql("select * from order_summary where customer_id = ? "
                + "order by placed_at desc, order_id limit ? offset ?")
                .params(customerId, size, (long) page * size)
                .query((rs, row) -> summary(rs, List.of())).list();
        return new OrderPage(content, page, size, total);
    }

    /** Writes the view unless the stored one is as new or newer (projections may arrive in any order). */
    void save(OrderView view) {
        jdbc.sql("""
                insert into order_summary (order_id, customer_id, status, total, currency, item_count, lines, payment_id,
                    shipment_id, cancel_reason, placed_at, updated_at, version)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
                on conflict (order_id) do update set status = excluded.status, payment_id = excluded.payment_id,
                    shipment_id = excluded.shipment_id, cancel_reason = excluded.cancel_reason,
                    updated_at = excluded.updated_at, version = excluded.version
                where order_summary.version < excluded.version""")
                .params(UUID.fromString(view.orderId()), view.customerId(), view.status(), view.total().amount(),
                        view.total().currency(), view.lines().stream().mapToInt(OrderLine::quantity).sum(),
                        linesJson(view.lines()), view.paymentId(), view.shipmentId(), view.cancelReason(),
                        Timestamp.from(view.placedAt()), Timestamp.from(view.updatedAt()), view.version())
                .update();
        for (OrderView.TimelineEntry entry : view.timeline()) {
            jdbc.sql("insert into order_timeline (order_id, version, status, event_type, at, detail) "
                    + "values (?, ?, ?, ?, ?, ?) on conflict do nothing")
                    .params(UUID.fromString(view.orderId()), entry.version(), entry.status(), entry.event(),
                            Timestamp.from(entry.at()), entry.detail())
                    .update();
        }
    }

    void clear() {
        jdbc.sql("truncate order_summary, order_timeline").update();
    }

    private List<OrderView.TimelineEntry> timeline(UUID orderId) {
        return jdbc.sql("select version, status, event_type, at, detail from order_timeline where order_id = ? "
                + "order by version").param(orderId)
                .query((rs, row) -> new OrderView.TimelineEntry(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5)))
                .list();
    }

    private OrderView summary(ResultSet rs, List<OrderView.TimelineEntry> timeline) throws SQLException {
        String currency = rs.getString("currency");
        List<OrderLine> lines = new ArrayList<>();
        json.readTree(rs.getString("lines")).forEach(line -> lines.add(new OrderLine(line.get("sku").asString(),
                line.get("quantity").asInt(), new Money(new BigDecimal(line.get("unitPrice").asString()), currency))));
        return new OrderView(rs.getObject("order_id", UUID.class).toString(), rs.getString("customer_id"),
                rs.getString("status"), lines, new Money(rs.getBigDecimal("total"), currency),
                rs.getString("payment_id"), rs.getString("shipment_id"), rs.getString("cancel_reason"),
                rs.getTimestamp("placed_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getInt("version"), timeline);
    }

    private String linesJson(List<OrderLine> lines) {
        ArrayNode array = json.createArrayNode();
        lines.forEach(line -> array.addObject().put("sku", line.sku()).put("quantity", line.quantity())
                .put("unitPrice", line.unitPrice().amount()));
        return json.writeValueAsString(array);
    }
}
