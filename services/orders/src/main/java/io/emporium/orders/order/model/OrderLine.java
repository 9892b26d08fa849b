package io.emporium.orders.order.model;

import java.util.Objects;

/** One line of an order: a sku, how many, and the unit price the catalog quoted when the order was placed. */
public record OrderLine(String sku, int quantity, Money unitPrice) {

    public static final int MAX_QUANTITY = 1000;

    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity must be between 1 and " + MAX_QUANTITY + ": " + quantity);
        }
    }

    public Money total() {
        return unitPrice.times(quantity);
    }
}
