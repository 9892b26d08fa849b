package io.emporium.orders.order.catalog;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.emporium.orders.order.application.Prices;
import io.emporium.orders.order.model.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Prices from the catalog service, found through discovery and balanced across its instances
 * ({@code orders.catalog.base-url}, default {@code http://catalog}: a service name, not a host), one resilient
 * lookup per sku ({@link CatalogLookups}: bulkhead, retry, circuit breaker, timeouts), in parallel on virtual threads,
 * at most {@code orders.catalog.lookups-per-order} (8) at a time for one order, so that one large order cannot fill
 * the bulkhead by itself. Answers are cached for {@code orders.catalog.price-cache-ttl} (30 s): an order is priced at
 * what the catalog said at most that long ago, and skus priced that recently are priced without the catalog.
 *
 * <p>Pricing an order takes at most {@code orders.catalog.pricing-deadline} (3 s): then the lookups still running are
 * interrupted and the order is refused ({@link CatalogUnavailable}), whatever retries remain; nothing is stored.
 *
 * <p>No fallback beyond that cache, on purpose: an order's total is what the customer is charged, so it is never
 * priced from an answer older than the cache's time to live, not even while the catalog is down. The catalog itself
 * keeps answering from its own stale cache while its database is briefly down; what is left here, a catalog that
 * cannot be reached, refuses the order fast with 503 and {@code Retry-After}, and the customer retries.
 */
@Component
class CatalogPrices implements Prices {

    private final CatalogLookups lookups;
    private final Cache<String, Optional<Money>> cache;
    private final int lookupsPerOrder;
    private final Duration deadline;

    CatalogPrices(CatalogLookups lookups, @Value("${orders.catalog.price-cache-ttl:30s}") Duration ttl,
            @Value("${orders.catalog.lookups-per-order:8}") int lookupsPerOrder,
            @Value("${orders.catalog.pricing-deadline:3s}") Duration deadline) {
        this.lookups = lookups;
        this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
        this.lookupsPerOrder = lookupsPerOrder;
        this.deadline = deadline;
    }

    @Override
    public Map<String, Money> of(Set<String> skus) {
        Semaphore slots = new Semaphore(lookupsPerOrder);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            CompletionService<Map.Entry<String, Optional<Money>>> done = new ExecutorCompletionService<>(threads);
            for (String sku : skus) {
                done.submit(() -> {
                    slots.acquire();
                    try {
                        return Map.entry(sku, cache.get(sku, lookups::price));
                    }
                    finally {
                        slots.release();
                    }
                });
            }
            Map<String, Money> prices = new HashMap<>();
            long end = System.nanoTime() + deadline.toNanos();
            for (int i = 0; i < skus.size(); i++) {
                Future<Map.Entry<String, Optional<Money>>> next = done.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new CatalogUnavailable("the catalog did not price the order within " + deadline, null,
                            CatalogLookups.RETRY_SOON);
                }
                Map.Entry<String, Optional<Money>> price = next.get();
                price.getValue().ifPresent(money -> prices.put(price.getKey(), money));
            }
            return prices;
        }
        catch (ExecutionException ex) {
            throw ex.getCause() instanceof CatalogUnavailable unavailable ? unavailable
                    : new CatalogUnavailable("the catalog could not price the order", ex.getCause(),
                            CatalogLookups.RETRY_SOON);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new CatalogUnavailable("interrupted while asking the catalog for prices", ex, CatalogLookups.RETRY_SOON);
        }
        finally {
            // the first failure or the deadline ends the pricing: lookups still running are abandoned, not awaited
            threads.shutdownNow();
        }
    }
}
