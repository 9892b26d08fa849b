package io.emporium.catalog.product.model;

import org.jspecify.annotations.Nullable;

/**
 * Which products to browse: optionally only one category, optionally only those matching a search text.
 * Without search text the result is ordered by id; with it, by relevance (then id).
 */
public record ProductFilter(@Nullable Category category, @Nullable SearchText text) {

    public static ProductFilter all() {
        return new ProductFilter(null, null);
    }
}
