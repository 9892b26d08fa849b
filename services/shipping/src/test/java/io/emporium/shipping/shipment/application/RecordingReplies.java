package io.emporium.shipping.shipment.application;

import java.util.ArrayList;
import java.util.List;

import io.emporium.shipping.shipment.model.CustomerId;
import io.emporium.shipping.shipment.model.OrderId;
import io.emporium.shipping.shipment.model.ShipmentId;
import org.jspecify.annotations.Nullable;

/** Remembers every reply, in order, for assertions. */
public final class RecordingReplies implements ShipmentReplies {

    /** One reply: its kind ("created", "rejected", "cancelled") and what it carried. */
    public record Sent(String kind, OrderId orderId, @Nullable ShipmentId shipmentId, @Nullable String reason) {
    }

    private final List<Sent> sent = new ArrayList<>();

    @Override
    public void created(OrderId orderId, ShipmentId shipmentId, CustomerId customerId) {
        sent.add(new Sent("created", orderId, shipmentId, null));
    }

    @Override
    public void rejected(OrderId orderId, String reason, CustomerId customerId) {
        sent.add(new Sent("rejected", orderId, null, reason));
    }

    @Override
    public void cancelled(OrderId orderId, @Nullable CustomerId customerId) {
        sent.add(new Sent("cancelled", orderId, null, null));
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public Sent last() {
        return sent.getLast();
    }
}
