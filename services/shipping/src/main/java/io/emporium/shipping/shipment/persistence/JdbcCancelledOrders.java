package io.emporium.shipping.shipment.persistence;

import java.time.Instant;
import java.time.ZoneOffset;

import io.emporium.shipping.shipment.model.CancelledOrders;
import io.emporium.shipping.shipment.model.OrderId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Cancelled orders in PostgreSQL's {@code cancelled_order}; the first cancellation's reason and time are kept. */
@Repository
class JdbcCancelledOrders implements CancelledOrders {

    private final JdbcClient jdbc;

    JdbcCancelledOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean contains(OrderId orderId) {
        return jdbc.sql("select exists (select 1 from cancelled_order where order_id = ?)").param(orderId.value())
                .query(Boolean.class).single();
    }

    @Override
    public void add(OrderId orderId, String reason, Instant at) {
        jdbc.sql("""
                insert into cancelled_order (order_id, reason, cancelled_at) values (?, ?, ?)
                on conflict (order_id) do nothing""")
                .params(orderId.value(), reason, at.atOffset(ZoneOffset.UTC)).update();
    }
}
