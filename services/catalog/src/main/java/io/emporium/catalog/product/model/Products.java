package io.emporium.catalog.product.model;

import java.util.List;
import java.util.Optional;

import io.emporium.platform.paging.Page;
import io.emporium.platform.paging.Paging;

/** All products of the catalog. */
public interface Products {

    Optional<Product> byId(ProductId id);

    Optional<Product> bySku(Sku sku);

    /** A page of the products the filter selects, in a stable order; an unknown category gives an empty page. */
    Page<Product> find(ProductFilter filter, Paging paging);

    /** Every category that has products, by name, with its product count. */
    List<CategorySummary> categories();
}
