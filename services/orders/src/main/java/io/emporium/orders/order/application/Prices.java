package io.emporium.orders.order.application;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.emporium.orders.order.model.Money;

/** Current unit prices from the catalog (a port). */
public interface Prices {

    /**
     * The price of each known sku; skus the catalog does not know are absent from the result.
     *
     * @throws CatalogUnavailable when the catalog cannot answer (in time); nothing has been changed then
     */
    Map<String, Money> of(Set<String> skus);

    /** The catalog could not price the order: unreachable, too slow, failing, or shielded by a breaker or bulkhead. */
    final class CatalogUnavailable extends RuntimeException {

        private final Duration retryAfter;

        /**
         * @param cause what went wrong, or {@code null}
         * @param retryAfter how long a caller should wait before trying again (a hint, e.g. for {@code Retry-After})
         */
        public CatalogUnavailable(String message, Throwable cause, Duration retryAfter) {
            super(message, cause);
            this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
