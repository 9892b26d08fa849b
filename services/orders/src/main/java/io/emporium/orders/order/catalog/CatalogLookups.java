package io.emporium.orders.order.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import io.emporium.orders.order.application.Prices.CatalogUnavailable;
import io.emporium.orders.order.model.Money;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.cloud.client.loadbalancer.DeferringLoadBalancerInterceptor;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * One price lookup at the catalog ({@code GET /api/catalog/products/sku/{sku}}), made safe to depend on.
 *
 * <p>Each lookup is {@code bulkhead(retry(circuitBreaker(request)))}, all three named {@value #CATALOG} (tuned under
 * {@code resilience4j.*.instances.catalog} in application.yaml, inheriting the platform's defaults):
 * <ul>
 * <li>The <b>bulkhead</b> is outermost: it bounds the lookups in flight (retries and their back-off included) from
 * this instance, and one over the bound is refused at once, before any work, so a slow catalog ties up at most that
 * many threads and connections.</li>
 * <li>The <b>retry</b> repeats only what may succeed on a second try of this idempotent GET: I/O failures (connection
 * refused or reset, connect and read timeouts) and 5xx answers ({@link #isTransient}); never a 4xx. Each attempt
 * passes through the load balancer again, so it may reach another catalog instance.</li>
 * <li>The <b>circuit breaker</b> is innermost, so it counts every attempt: it measures the catalog, not this
 * service's retry policy, and once it is open the retry stops at once ({@link CallNotPermittedException} is not
 * retried). 4xx answers are not failures of the catalog and do not count against it.</li>
 * </ul>
 * Connect and read timeouts apply to each attempt ({@code orders.catalog.connect-timeout}, {@code read-timeout});
 * {@link CatalogPrices} bounds the whole pricing of an order.
 */
@Component
class CatalogLookups {

    static final String CATALOG = "catalog";

    /** A hint for callers after a failure the breaker has not (yet) turned into an open circuit. */
    static final Duration RETRY_SOON = Duration.ofSeconds(5);

    /** The fields of a catalog product this service reads. */
    record CatalogProduct(String sku, Price price) {
        record Price(BigDecimal amount, String currency) {
        }
    }

    private final RestClient catalog;
    private final Bulkhead bulkhead;
    private final Retry retry;
    private final CircuitBreaker breaker;

    CatalogLookups(RestClient.Builder builder, ClientHttpRequestFactoryBuilder<?> requestFactories,
            HttpClientSettings httpDefaults, DeferringLoadBalancerInterceptor loadBalancer,
            OAuth2ClientHttpRequestInterceptor serviceToken, BulkheadRegistry bulkheads, RetryRegistry retries,
            CircuitBreakerRegistry breakers,
            @Value("${orders.catalog.base-url:http://catalog}") String baseUrl,
            @Value("${orders.catalog.connect-timeout:${spring.http.clients.connect-timeout:1s}}") Duration connectTimeout,
            @Value("${orders.catalog.read-timeout:${spring.http.clients.read-timeout:3s}}") Duration readTimeout) {
        this.catalog = builder.baseUrl(baseUrl)
                .requestFactory(requestFactories.build(httpDefaults.withTimeouts(connectTimeout, readTimeout)))
                .requestInterceptor(serviceToken).requestInterceptor(loadBalancer).build();
        this.bulkhead = bulkheads.bulkhead(CATALOG);
        this.retry = retries.retry(CATALOG);
        this.breaker = breakers.circuitBreaker(CATALOG);
    }

    /**
     * The catalog's current price of the sku, or empty if the catalog does not know it. Blocks for at most the
     * retry budget (attempts x timeouts plus back-off); interrupting the thread abandons the lookup.
     *
     * @throws CatalogUnavailable when the catalog cannot answer, the breaker is open or the bulkhead is full
     */
    Optional<Money> price(String sku) {
        Supplier<Optional<Money>> lookup = Bulkhead.decorateSupplier(bulkhead,
                Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, () -> fetch(sku))));
        try {
            return lookup.get();
        }
        catch (BulkheadFullException ex) {
            throw new CatalogUnavailable("too many catalog calls in flight; refused " + sku, ex, Duration.ofSeconds(1));
        }
        catch (CallNotPermittedException ex) {
            throw new CatalogUnavailable("the catalog circuit is open; not asked for " + sku, ex, openWait());
        }
        catch (RestClientException | IllegalStateException ex) {
            // IllegalStateException: the load balancer knows no catalog instance
            throw new CatalogUnavailable("the catalog could not price " + sku + ": " + ex.getMessage(), ex, RETRY_SOON);
        }
    }

    /**
     * Whether a failed attempt says the catalog (or the instance it reached) is unwell: such a failure is retried and
     * counted by the breaker. An attempt abandoned because this thread was interrupted is neither.
     */
    static boolean isTransient(Throwable failure) {
        return (failure instanceof ResourceAccessException || failure instanceof HttpServerErrorException)
                && !Thread.currentThread().isInterrupted();
    }

    private Optional<Money> fetch(String sku) {
        try {
            CatalogProduct product = catalog.get().uri("/api/catalog/products/sku/{sku}", sku).retrieve()
                    .body(CatalogProduct.class);
            return Optional.ofNullable(product).map(p -> new Money(p.price().amount(), p.price().currency()));
        }
        catch (HttpClientErrorException.NotFound | HttpClientErrorException.BadRequest unknown) {
            return Optional.empty();
        }
    }

    private Duration openWait() {
        return Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
    }
}
