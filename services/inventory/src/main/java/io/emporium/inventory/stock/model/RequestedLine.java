package io.emporium.inventory.stock.model;

import java.util.Objects;

/**
 * A line of an order as the order saga asked for it: the sku is taken as written, so that a sku the inventory
 * does not know (or that is not even in the SKU format) can be reported back as unavailable.
 */
public record RequestedLine(String sku, long quantity) {

    public RequestedLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1) {
            throw new IllegalArgumentException("A line asks for at least one unit, got " + quantity + " of " + sku);
        }
    }
}
