package io.emporium.orders.order.persistence;

import java.util.Optional;

import io.emporium.orders.order.application.IdempotencyKeys;
import io.emporium.orders.order.model.CustomerId;
import io.emporium.orders.order.model.OrderId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Idempotency keys in {@code idempotency_key}; the primary key makes concurrent first uses wait for each other. */
@Repository
class JdbcIdempotencyKeys implements IdempotencyKeys {

    private final JdbcClient jdbc;

    JdbcIdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Use> find(CustomerId customer, String key) {
        return jdbc.sql("select fingerprint, order_id from idempotency_key where customer_id = ? and idempotency_key = ?")
                .params(customer.value(), key)
                .query((rs, row) -> new Use(rs.getString(1), new OrderId(rs.getObject(2, java.util.UUID.class))))
                .optional();
    }

    @Override
    public Optional<Use> claim(CustomerId customer, String key, Use use) {
        int inserted = jdbc.sql("insert into idempotency_key (customer_id, idempotency_key, fingerprint, order_id) "
                + "values (?, ?, ?, ?) on conflict do nothing")
                .params(customer.value(), key, use.fingerprint(), use.orderId().value()).update();
        return inserted == 1 ? Optional.empty() : find(customer, key);
    }
}
