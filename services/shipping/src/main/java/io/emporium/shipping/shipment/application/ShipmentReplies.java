package io.emporium.shipping.shipment.application;

import io.emporium.shipping.shipment.model.CustomerId;
import io.emporium.shipping.shipment.model.OrderId;
import io.emporium.shipping.shipment.model.ShipmentId;
import org.jspecify.annotations.Nullable;

/**
 * The answers to the order saga's shipping commands, each about one order. Implementations send them in the
 * caller's transaction (an outbox), so an answer is sent exactly when the change it reports is committed.
 */
public interface ShipmentReplies {

    void created(OrderId orderId, ShipmentId shipmentId, CustomerId customerId);

    void rejected(OrderId orderId, String reason, CustomerId customerId);

    /** @param customerId who the order is for, if known */
    void cancelled(OrderId orderId, @Nullable CustomerId customerId);
}
