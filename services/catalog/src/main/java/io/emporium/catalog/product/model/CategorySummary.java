package io.emporium.catalog.product.model;

import java.util.Objects;

/** A category and how many products it holds. */
public record CategorySummary(Category category, long productCount) {

    public CategorySummary {
        Objects.requireNonNull(category, "category");
        if (productCount < 0) {
            throw new IllegalArgumentException("A count cannot be negative, got " + productCount);
        }
    }
}
