package io.emporium.orders.order.model;

/**
 * Where an order is in its life; CONFIRMED and CANCELLED are final. PAYMENT_CAPTURED is past the point of no return:
 * the customer was charged, the order only waits for its stock to be committed, and it can no longer be cancelled.
 */
public enum OrderStatus {
    PLACED, STOCK_RESERVED, PAYMENT_AUTHORIZED, SHIPMENT_SCHEDULED, PAYMENT_CAPTURED, CONFIRMED, CANCELLED;

    public boolean isFinal() {
        return this == CONFIRMED || this == CANCELLED;
    }

    /** Whether the order may still be cancelled: not final, and not charged yet. */
    public boolean isCancellable() {
        return !isFinal() && this != PAYMENT_CAPTURED;
    }
}
