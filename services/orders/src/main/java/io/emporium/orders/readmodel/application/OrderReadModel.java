package io.emporium.orders.readmodel.application;

import java.util.Optional;
import java.util.UUID;

import io.emporium.orders.readmodel.model.OrderPage;
import io.emporium.orders.readmodel.model.OrderView;

/**
 * What the read model answers (a port): the views the projector has written, which may lag behind the event store.
 */
public interface OrderReadModel {

    /** The order's summary with its timeline; empty when the projector has not written it (yet). */
    Optional<OrderView> find(UUID orderId);

    /** One page of the customer's orders, newest first, summaries without their timelines. */
    OrderPage byCustomer(String customerId, int page, int size);
}
