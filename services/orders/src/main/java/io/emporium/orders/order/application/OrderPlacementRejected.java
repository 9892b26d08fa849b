package io.emporium.orders.order.application;

/** The request cannot become an order as it stands (unknown sku, mixed currencies, ...): the client must change it. */
public final class OrderPlacementRejected extends RuntimeException {

    public OrderPlacementRejected(String message) {
        super(message);
    }
}
