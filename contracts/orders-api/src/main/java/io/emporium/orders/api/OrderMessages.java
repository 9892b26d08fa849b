package io.emporium.orders.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the orders service tells the rest of the system about orders: integration events on {@link #EVENTS}, keyed
 * by order id (so a consumer sees each order's events in the order they happened). Consumers must tolerate
 * duplicates (delivery is at least once) and events they do not know (new types may be added).
 *
 * <p>Every {@code customerId} is a customer id as {@link io.emporium.customers.api.CustomerIds} states it: the identity
 * service's user name of whoever placed the order.
 */
public final class OrderMessages {

    /** The order's public events (key: order id). */
    public static final String EVENTS = "orders.order-events";

    private OrderMessages() {
    }

    public record Line(String sku, int quantity, BigDecimal unitPrice) {
    }

    /** An order was placed; {@code customerId} as in {@link io.emporium.customers.api.CustomerIds}. */
    public record OrderPlaced(String orderId, String customerId, List<Line> lines, BigDecimal total, String currency) {
        public static final String TYPE = "orders.OrderPlaced";
    }

    /** The order was confirmed; {@code customerId} as in {@link io.emporium.customers.api.CustomerIds}. */
    public record OrderConfirmed(String orderId, String customerId, String shipmentId) {
        public static final String TYPE = "orders.OrderConfirmed";
    }

    /** The order was cancelled, and why; {@code customerId} as in {@link io.emporium.customers.api.CustomerIds}. */
    public record OrderCancelled(String orderId, String customerId, String reason) {
        public static final String TYPE = "orders.OrderCancelled";
    }
}
