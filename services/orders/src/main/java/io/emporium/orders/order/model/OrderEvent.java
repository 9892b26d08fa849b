package io.emporium.orders.order.model;

import java.time.Instant;
import java.util.List;

/**
 * What happened to an order: the order's only source of truth. Events are facts, appended to the order's stream and
 * never changed; the current state is whatever replaying them gives.
 */
public sealed interface OrderEvent {

    OrderId orderId();

    Instant at();

    record OrderPlaced(OrderId orderId, CustomerId customerId, List<OrderLine> lines, Money total, Instant at)
            implements OrderEvent {
        public OrderPlaced {
            lines = List.copyOf(lines);
        }
    }

    record StockReserved(OrderId orderId, Instant at) implements OrderEvent {
    }

    record PaymentAuthorized(OrderId orderId, String paymentId, Instant at) implements OrderEvent {
    }

    record ShipmentScheduled(OrderId orderId, String shipmentId, Instant at) implements OrderEvent {
    }

    /** The customer was charged: the saga's point of no return. */
    record PaymentCaptured(OrderId orderId, String paymentId, Instant at) implements OrderEvent {
    }

    /** Paid and its stock committed (left the warehouse's reserve). */
    record OrderConfirmed(OrderId orderId, Instant at) implements OrderEvent {
    }

    record OrderCancelled(OrderId orderId, String reason, Instant at) implements OrderEvent {
    }
}
