package io.emporium.shipping.shipment.messaging;

import io.emporium.platform.messaging.Outbox;
import io.emporium.platform.messaging.OutgoingMessage;
import io.emporium.shipping.api.ShippingMessages;
import io.emporium.shipping.api.ShippingMessages.ShipmentCancelled;
import io.emporium.shipping.api.ShippingMessages.ShipmentCreated;
import io.emporium.shipping.api.ShippingMessages.ShipmentRejected;
import io.emporium.shipping.shipment.application.ShipmentReplies;
import io.emporium.shipping.shipment.model.CustomerId;
import io.emporium.shipping.shipment.model.OrderId;
import io.emporium.shipping.shipment.model.ShipmentId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Sends the shipping replies through the outbox, in the caller's transaction, to {@link ShippingMessages#EVENTS}:
 * keyed by order id (so the saga sees one order's replies in order), subject = order id, type = the record's
 * {@code TYPE}, and the customer id as the {@code customerid} extension when known.
 */
@Component
class OutboxShipmentReplies implements ShipmentReplies {

    private final Outbox outbox;

    OutboxShipmentReplies(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void created(OrderId orderId, ShipmentId shipmentId, CustomerId customerId) {
        publish(orderId, ShipmentCreated.TYPE, new ShipmentCreated(orderId.value(), shipmentId.toString()), customerId);
    }

    @Override
    public void rejected(OrderId orderId, String reason, CustomerId customerId) {
        publish(orderId, ShipmentRejected.TYPE, new ShipmentRejected(orderId.value(), reason), customerId);
    }

    @Override
    public void cancelled(OrderId orderId, @Nullable CustomerId customerId) {
        publish(orderId, ShipmentCancelled.TYPE, new ShipmentCancelled(orderId.value()), customerId);
    }

    private void publish(OrderId orderId, String type, Object data, @Nullable CustomerId customerId) {
        outbox.publish(new OutgoingMessage(ShippingMessages.EVENTS, orderId.value(), type, orderId.value(), data,
                customerId == null ? null : customerId.value()));
    }
}
