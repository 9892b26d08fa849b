package io.emporium.orders.order.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.emporium.orders.order.application.Prices;
import io.emporium.orders.order.model.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.loadbalancer.DeferringLoadBalancerInterceptor;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Prices from the catalog service, found through discovery and balanced across its instances
 * ({@code orders.catalog.base-url}, default {@code http://catalog}: a service name, not a host), one request per sku
 * in parallel, cached for {@code orders.catalog.price-cache-ttl}
 * (30 s): an order is priced at what the catalog said at most that long ago. Each call carries this service's own
 * access token ({@link CatalogClientConfiguration}).
 */
@Component
class CatalogPrices implements Prices {

    /** The fields of a catalog product this service reads. */
    record CatalogProduct(String sku, Price price) {
        record Price(BigDecimal amount, String currency) {
        }
    }

    private final RestClient catalog;
    private final Cache<String, Optional<Money>> cache;

    CatalogPrices(RestClient.Builder builder, DeferringLoadBalancerInterceptor loadBalancer,
            OAuth2ClientHttpRequestInterceptor serviceToken,
            @Value("${orders.catalog.base-url:http://catalog}") String baseUrl,
            @Value("${orders.catalog.price-cache-ttl:30s}") Duration ttl) {
        this.catalog = builder.baseUrl(baseUrl).requestInterceptor(serviceToken).requestInterceptor(loadBalancer)
                .build();
        this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
    }

    @Override
    public Map<String, Money> of(Set<String> skus) {
        Map<String, Money> prices = new HashMap<>();
        try (ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<Optional<Money>>> pending = new HashMap<>();
            for (String sku : skus) {
                pending.put(sku, lookups.submit(() -> cache.get(sku, this::fetch)));
            }
            for (var entry : pending.entrySet()) {
                entry.getValue().get().ifPresent(price -> prices.put(entry.getKey(), price));
            }
        }
        catch (ExecutionException ex) {
            throw ex.getCause() instanceof CatalogUnavailable unavailable ? unavailable
                    : new CatalogUnavailable("the catalog could not price the order", ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new CatalogUnavailable("interrupted while asking the catalog for prices", ex);
        }
        return prices;
    }

    private Optional<Money> fetch(String sku) {
        try {
            CatalogProduct product = catalog.get().uri("/api/catalog/products/sku/{sku}", sku).retrieve()
                    .body(CatalogProduct.class);
            return Optional.ofNullable(product).map(p -> new Money(p.price().amount(), p.price().currency()));
        }
        catch (HttpClientErrorException ex) {
            if (ex.getStatusCode() == HttpStatus.NOT_FOUND || ex.getStatusCode() == HttpStatus.BAD_REQUEST) {
                return Optional.empty();
            }
            throw new CatalogUnavailable("the catalog answered " + ex.getStatusCode() + " for " + sku, ex);
        }
        catch (RestClientException | IllegalStateException ex) {
            throw new CatalogUnavailable("the catalog is unavailable: " + ex.getMessage(), ex);
        }
    }
}
