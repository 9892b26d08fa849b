package io.emporium.shipping.shipment.model;

import java.time.Instant;

/**
 * Orders whose shipment was cancelled before it was created (a compensation can overtake the command it
 * compensates, e.g. after a saga timeout). A later CreateShipment for such an order is rejected. Needs an active
 * transaction.
 */
public interface CancelledOrders {

    boolean contains(OrderId orderId);

    /** Remembers the order as cancelled; does nothing if it already is. */
    void add(OrderId orderId, String reason, Instant at);
}
