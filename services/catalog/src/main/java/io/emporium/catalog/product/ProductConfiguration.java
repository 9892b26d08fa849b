package io.emporium.catalog.product;

import java.time.Duration;

import io.emporium.catalog.product.application.ProductCatalog;
import io.emporium.catalog.product.model.Products;
import io.emporium.catalog.product.stale.StaleReads;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java product application to its Spring adapters, and the stale answers kept for outages. */
@Configuration(proxyBeanMethods = false)
class ProductConfiguration {

    static final String DATABASE_BREAKER = "catalog-db";

    @Bean
    ProductCatalog productCatalog(Products products) {
        return new ProductCatalog(products);
    }

    /**
     * {@code catalog.stale-cache.*}: how much of the last good answers is kept, and for how long at most; database
     * reads go through the {@code catalog-db} circuit breaker.
     */
    @Bean
    StaleReads staleReads(@Value("${catalog.stale-cache.max-products:20000}") long maxProducts,
            @Value("${catalog.stale-cache.max-age:10m}") Duration maxAge, CircuitBreakerRegistry breakers) {
        return StaleReads.create(maxProducts, maxAge, breakers.circuitBreaker(DATABASE_BREAKER));
    }

    /** The database breaker counts only "database unreachable" failures; its numbers are configuration. */
    @Bean
    CircuitBreakerConfigCustomizer databaseBreakerCountsUnreachableOnly() {
        return CircuitBreakerConfigCustomizer.of(DATABASE_BREAKER, StaleReads::breakerConfig);
    }
}
