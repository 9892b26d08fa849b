package io.emporium.catalog.product.web;

import io.emporium.catalog.product.model.CategorySummary;

/** A category and its product count: {@code {"name": "books", "productCount": 120}}. */
record CategoryResponse(String name, long productCount) {

    static CategoryResponse of(CategorySummary summary) {
        return new CategoryResponse(summary.category().slug(), summary.productCount());
    }
}
