package io.emporium.catalog.product.model;

/** Identity of a product, assigned by the catalog: a positive number. */
public record ProductId(long value) {

    public ProductId {
        if (value <= 0) {
            throw new IllegalArgumentException("Product ids are positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
