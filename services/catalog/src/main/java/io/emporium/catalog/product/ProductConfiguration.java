package io.emporium.catalog.product;

import io.emporium.catalog.product.application.ProductCatalog;
import io.emporium.catalog.product.model.Products;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java product application to its Spring adapters. */
@Configuration(proxyBeanMethods = false)
class ProductConfiguration {

    @Bean
    ProductCatalog productCatalog(Products products) {
        return new ProductCatalog(products);
    }
}
