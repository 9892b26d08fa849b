package io.emporium.inventory.stock.model;

/** Thrown when a stock movement would take more units than a sku has in the source bucket. */
public class InsufficientStock extends IllegalStateException {

    InsufficientStock(String message) {
        super(message);
    }
}
