package io.emporium.catalog.product.model;

import java.util.Objects;

/** Something the store sells. Immutable: the catalog is read far more often than it changes. */
public record Product(ProductId id, Sku sku, String name, String description, Money price, Category category) {

    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(category, "category");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A product needs a name");
        }
    }
}
