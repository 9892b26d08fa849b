package io.emporium.catalog.product.application;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.emporium.catalog.product.model.CategorySummary;
import io.emporium.catalog.product.model.Product;
import io.emporium.catalog.product.model.ProductFilter;
import io.emporium.catalog.product.model.ProductId;
import io.emporium.catalog.product.model.Products;
import io.emporium.catalog.product.model.Sku;
import io.emporium.platform.paging.Page;
import io.emporium.platform.paging.Paging;

/** What shoppers (and other services) can ask the catalog. Read-only; every method is safe to call concurrently. */
public class ProductCatalog {

    private final Products products;

    public ProductCatalog(Products products) {
        this.products = Objects.requireNonNull(products, "products");
    }

    /** The product with this id, or empty if there is none. */
    public Optional<Product> product(ProductId id) {
        return products.byId(id);
    }

    /** The product with this SKU, or empty if there is none. */
    public Optional<Product> product(Sku sku) {
        return products.bySku(sku);
    }

    /** Browses or searches the catalog: see {@link ProductFilter} for the order. */
    public Page<Product> browse(ProductFilter filter, Paging paging) {
        return products.find(filter, paging);
    }

    public List<CategorySummary> categories() {
        return products.categories();
    }
}
