package io.emporium.orders.order.application;

import io.emporium.orders.order.model.CustomerId;
import io.emporium.orders.order.model.OrderId;
import io.emporium.platform.saga.Command;

/**
 * Messages leaving the orders service (a port): commands to participants and the order's public events. Sending
 * joins the caller's transaction (transactional outbox): a message goes out if and only if the transaction commits.
 */
public interface Outgoing {

    /** Keyed by the order id; carries the acting customer (never a token). */
    void send(OrderId orderId, CustomerId customerId, Command message);
}
