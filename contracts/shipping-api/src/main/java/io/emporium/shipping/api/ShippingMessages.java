package io.emporium.shipping.api;

import java.util.List;

/**
 * The shipping service's messaging contract. Commands go to {@link #COMMANDS}, replies come back on
 * {@link #EVENTS}; both keyed by order id. Commands are idempotent.
 *
 * <p>Rejections are deterministic (documented in the shipping service): e.g. an order over the parcel limit.
 */
public final class ShippingMessages {

    /** Commands to the shipping service (key: order id). */
    public static final String COMMANDS = "shipping.commands";
    /** What the shipping service did about them (key: order id). */
    public static final String EVENTS = "shipping.shipment-events";

    private ShippingMessages() {
    }

    public record Line(String sku, int quantity) {
    }

    /**
     * Schedule the shipment of an order. Answered by {@link ShipmentCreated} or {@link ShipmentRejected}.
     * {@code customerId}: who receives it, as {@link io.emporium.customers.api.CustomerIds} states it.
     */
    public record CreateShipment(String orderId, String customerId, List<Line> lines) {
        public static final String TYPE = "shipping.CreateShipment";
    }

    /** Compensation: cancel a shipment that was created for an order that will not be confirmed. Answered by {@link ShipmentCancelled}. */
    public record CancelShipment(String orderId, String reason) {
        public static final String TYPE = "shipping.CancelShipment";
    }

    public record ShipmentCreated(String orderId, String shipmentId) {
        public static final String TYPE = "shipping.ShipmentCreated";
    }

    public record ShipmentRejected(String orderId, String reason) {
        public static final String TYPE = "shipping.ShipmentRejected";
    }

    public record ShipmentCancelled(String orderId) {
        public static final String TYPE = "shipping.ShipmentCancelled";
    }
}
