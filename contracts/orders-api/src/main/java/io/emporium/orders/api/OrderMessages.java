package io.emporium.orders.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the orders service tells the rest of the system about orders: integration events on {@link #EVENTS}, keyed
 * by order id (so a consumer sees each order's events in the order they happened). Consumers must tolerate
 * duplicates (delivery is at least once) and events they do not know (new types may be added).
 */
public final class OrderMessages {

    /** The order's public events (key: order id). */
    public static final String EVENTS = "orders.order-events";

    private OrderMessages() {
    }

    public record Line(String sku, int quantity, BigDecimal unitPrice) {
    }

    public record OrderPlaced(String orderId, String customerId, List<Line> lines, BigDecimal total, String currency) {
        public static final String TYPE = "orders.OrderPlaced";
    }

    public record OrderConfirmed(String orderId, String customerId, String shipmentId) {
        public static final String TYPE = "orders.OrderConfirmed";
    }

    public record OrderCancelled(String orderId, String customerId, String reason) {
        public static final String TYPE = "orders.OrderCancelled";
    }
}
