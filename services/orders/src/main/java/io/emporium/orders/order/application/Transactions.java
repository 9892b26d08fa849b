package io.emporium.orders.order.application;

import java.util.function.Supplier;

/** Runs work in a database transaction (joining one already active). A port, so use cases stay plain Java. */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);
}
