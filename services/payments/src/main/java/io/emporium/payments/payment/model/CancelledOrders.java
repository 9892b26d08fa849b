package io.emporium.payments.payment.model;

import java.time.Instant;

/**
 * Orders whose payment was voided before any authorization arrived (a compensation can overtake the command it
 * compensates, e.g. after a saga timeout). A later authorization for such an order is declined. Needs an active
 * transaction.
 */
public interface CancelledOrders {

    boolean contains(OrderId orderId);

    /** Remembers the order as cancelled; does nothing if it already is. */
    void add(OrderId orderId, String reason, Instant at);
}
