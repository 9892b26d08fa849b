package io.emporium.orders.order.application;

import java.util.Map;
import java.util.Set;

import io.emporium.orders.order.model.Money;

/** Current unit prices from the catalog (a port). */
public interface Prices {

    /**
     * The price of each known sku; skus the catalog does not know are absent from the result.
     *
     * @throws CatalogUnavailable when the catalog cannot answer
     */
    Map<String, Money> of(Set<String> skus);

    final class CatalogUnavailable extends RuntimeException {

        public CatalogUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
