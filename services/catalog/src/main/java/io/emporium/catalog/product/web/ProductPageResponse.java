package io.emporium.catalog.product.web;

import java.util.List;

import io.emporium.catalog.product.model.Product;
import io.emporium.platform.paging.Page;

/** A page of products: {@code {"content": [...], "page": {"number", "size", "totalElements", "totalPages"}}}. */
record ProductPageResponse(List<ProductResponse> content, PageMetadata page) {

    record PageMetadata(int number, int size, long totalElements, long totalPages) {
    }

    static ProductPageResponse of(Page<Product> page) {
        return new ProductPageResponse(page.content().stream().map(ProductResponse::of).toList(),
                new PageMetadata(page.paging().number(), page.paging().size(), page.totalElements(), page.totalPages()));
    }
}
