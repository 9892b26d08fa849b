package io.emporium.gateway.resilience;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Retries routed GET and HEAD requests (idempotent, no body) that failed in a way another attempt may fix
 * ({@link RetryableFailure}: 502/503/504, connection refused or dropped), with Resilience4j's {@link Retry} named
 * after the route ({@code resilience4j.retry.instances.<route>}, inheriting {@code configs.default}: a bounded
 * number of attempts, exponential backoff with jitter). Every other method is sent exactly once.
 * <p>
 * Each attempt runs the load balancer again, and the instances that already failed this request are left out of
 * its choice ({@link AvoidFailedInstances}), so a retry lands on another instance when there is one. The response
 * of the last attempt is the one the client gets. Placed right after the request URL is set and before the load
 * balancer, inside the route's circuit breaker, which therefore sees one outcome per client request.
 */
final class IdempotentRetryFilter implements GlobalFilter, Ordered {

    static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD);
    static final Set<Integer> RETRYABLE_STATUSES = Set.of(502, 503, 504);

    private final RetryRegistry retries;

    IdempotentRetryFilter(RetryRegistry retries) {
        this.retries = retries;
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        URI target = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (route == null || target == null || !IDEMPOTENT.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        Retry retry = retries.retry(route.getId());
        AtomicInteger attempts = new AtomicInteger();
        return Mono.defer(() -> {
            if (attempts.getAndIncrement() > 0) {
                prepareAnotherAttempt(exchange, target);
            }
            return chain.filter(exchange).then(Mono.defer(() -> failIfRetryable(exchange)));
        })
                .transform(RetryOperator.of(retry))
                // out of attempts on a 502/503/504: that answer (status and headers already set) goes to the client
                .onErrorResume(RetryableStatusException.class, last -> Mono.empty());
    }

    private static Mono<Void> failIfRetryable(ServerWebExchange exchange) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (status != null && RETRYABLE_STATUSES.contains(status.value())) {
            return Mono.error(new RetryableStatusException(status.value()));
        }
        return Mono.empty();
    }

    /** Forgets the failed attempt: its instance, its unread answer, its status and headers, its resolved URL. */
    private static void prepareAnotherAttempt(ServerWebExchange exchange, URI target) {
        Response<ServiceInstance> chosen = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        if (chosen != null && chosen.hasServer()) {
            failedInstances(exchange).add(AvoidFailedInstances.keyOf(chosen.getServer()));
        }
        Connection connection = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
        if (connection != null) {
            connection.dispose();
        }
        exchange.getAttributes().remove(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
        exchange.getAttributes().remove(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR);
        ServerWebExchangeUtils.reset(exchange);
        exchange.getResponse().setStatusCode(null);
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, target);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> failedInstances(ServerWebExchange exchange) {
        return (Set<String>) exchange.getAttributes().computeIfAbsent(AvoidFailedInstances.FAILED_INSTANCES_ATTR,
                key -> ConcurrentHashMap.<String>newKeySet());
    }
}
