package io.emporium.tangled.order.persistence;

/** A persistence adapter reached from the web adapter and from another feature. */
public final class JdbcOrders {

    public String find(String id) {
        return id;
    }
}
