package io.emporium.orders.order.model;

/** Where an order is in its life; CONFIRMED and CANCELLED are final. */
public enum OrderStatus {
    PLACED, STOCK_RESERVED, PAYMENT_AUTHORIZED, SHIPMENT_SCHEDULED, CONFIRMED, CANCELLED;

    public boolean isFinal() {
        return this == CONFIRMED || this == CANCELLED;
    }
}
