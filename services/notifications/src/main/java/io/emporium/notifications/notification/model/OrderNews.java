package io.emporium.notifications.notification.model;

import java.math.BigDecimal;
import java.util.Objects;

/** Something that happened to a customer's order that the customer is told about, and how it is worded. */
public sealed interface OrderNews {

    OrderId orderId();

    CustomerId customerId();

    NotificationKind kind();

    /** The human-readable message the customer gets. */
    String text();

    /** The order was placed: {@code units} items for {@code total} in {@code currency}. */
    record Received(OrderId orderId, CustomerId customerId, long units, BigDecimal total, String currency)
            implements OrderNews {

        public Received {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(total, "total");
            Objects.requireNonNull(currency, "currency");
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.ORDER_RECEIVED;
        }

        @Override
        public String text() {
            return "We received your order " + orderId + ": " + units + (units == 1 ? " item" : " items") + ", "
                    + total.toPlainString() + " " + currency + " in total. We will tell you when it is confirmed.";
        }
    }

    /** The order was confirmed and will ship as {@code shipmentId}. */
    record Confirmed(OrderId orderId, CustomerId customerId, String shipmentId) implements OrderNews {

        public Confirmed {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(shipmentId, "shipmentId");
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.ORDER_CONFIRMED;
        }

        @Override
        public String text() {
            return "Your order " + orderId + " is confirmed and will be shipped (shipment " + shipmentId + ").";
        }
    }

    /** The order was cancelled because of {@code reason}. */
    record Cancelled(OrderId orderId, CustomerId customerId, String reason) implements OrderNews {

        public Cancelled {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(customerId, "customerId");
            reason = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.ORDER_CANCELLED;
        }

        @Override
        public String text() {
            return "Your order " + orderId + " was cancelled: " + reason;
        }
    }
}
