package io.emporium.inventory.stock.application;

import java.util.Objects;

import io.emporium.inventory.stock.model.Sku;

/** A stock count: {@code available} units of the sku are on the shelf, free to reserve. */
public record RestockCommand(Sku sku, long available) {

    public RestockCommand {
        Objects.requireNonNull(sku, "sku");
        if (available < 0) {
            throw new IllegalArgumentException("Available stock cannot be negative, got " + available);
        }
    }
}
