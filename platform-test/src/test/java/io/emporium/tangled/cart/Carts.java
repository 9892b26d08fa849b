package io.emporium.tangled.cart;

import io.emporium.tangled.order.persistence.JdbcOrders;

/** Another feature that reaches into the order feature's persistence. */
final class Carts {

    String order(String id) {
        return new JdbcOrders().find(id);
    }
}
