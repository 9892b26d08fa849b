package io.emporium.inventory.stock.model;

import java.util.Objects;

/** Units of one sku held for an order. */
public record Line(Sku sku, long quantity) {

    public Line {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1) {
            throw new IllegalArgumentException("A line holds at least one unit, got " + quantity + " of " + sku);
        }
    }
}
