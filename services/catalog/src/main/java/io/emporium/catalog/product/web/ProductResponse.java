package io.emporium.catalog.product.web;

import java.math.BigDecimal;

import io.emporium.catalog.product.model.Product;

/** A product as the REST API shows it. */
record ProductResponse(long id, String sku, String name, String description, Price price, String category) {

    record Price(BigDecimal amount, String currency) {
    }

    static ProductResponse of(Product product) {
        return new ProductResponse(product.id().value(), product.sku().value(), product.name(), product.description(),
                new Price(product.price().amount(), product.price().currency().getCurrencyCode()),
                product.category().slug());
    }
}
