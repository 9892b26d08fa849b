package io.emporium.gateway.ratelimit;

import java.util.Map;

import io.emporium.gateway.GatewayProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Counts every {@code /api/**} request the gateway answers against its client's token bucket: those it routes to a
 * service and those it answers itself (the order details), before any of its work is done. An admitted request goes
 * on with {@code X-RateLimit-Remaining} on its response; a refused one ends in a 429 problem with
 * {@code Retry-After}, and the refusal is counted ({@link Refusals}, {@code limit="per-client"}). The gateway's own
 * {@code /actuator} is never limited.
 * <p>
 * A web filter rather than a route filter, so that nothing answered under {@code /api} escapes it, running right
 * after Spring Security's filter chain: the request is authenticated by then, so an authenticated client is counted
 * by its token's subject ({@link ClientKeyResolver}). A request refused with 401 never gets here: it costs its
 * address a token of the budget checked before authentication instead ({@link UnauthenticatedLimitFilter}). Being
 * ahead of routing, a refused request takes no bulkhead permit, costs no instance look-up, and its 429 is never
 * mistaken for a failure of the service (the route's circuit breaker would turn it into its 503 fallback).
 * <p>
 * All routes share one bucket per client ({@link #SCOPE} is passed as the rate limiter's route id), so spreading
 * calls over services gains a client nothing. If the store cannot be asked (Redis down), Spring Cloud Gateway's
 * {@link RedisRateLimiter} admits the request and logs the error: the limit fails open, the API does not.
 */
final class RateLimitFilter implements WebFilter, Ordered {

    static final String SCOPE = "api";

    /**
     * The order of Spring Security's {@code WebFilterChainProxy}
     * ({@code WebFluxSecurityConfiguration.WEB_FILTER_CHAIN_FILTER_ORDER}, in a class that is not public).
     */
    static final int SECURITY_FILTER_CHAIN_ORDER = -100;

    private final RateLimiter<?> rateLimiter;
    private final KeyResolver keyResolver;
    private final RateLimitProperties properties;
    private final Refusals refusals;

    RateLimitFilter(RateLimiter<?> rateLimiter, KeyResolver keyResolver, RateLimitProperties properties,
            Refusals refusals) {
        this.rateLimiter = rateLimiter;
        this.keyResolver = keyResolver;
        this.properties = properties;
        this.refusals = refusals;
    }

    /** Right after Spring Security's filter chain, which authenticates the request. */
    @Override
    public int getOrder() {
        return SECURITY_FILTER_CHAIN_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith(Refusals.API_PREFIX)) {
            return chain.filter(exchange);
        }
        return keyResolver.resolve(exchange)
                .flatMap(client -> rateLimiter.isAllowed(SCOPE, client))
                .flatMap(decision -> {
                    if (decision.isAllowed()) {
                        String remaining = decision.getHeaders().get(InMemoryRateLimiter.REMAINING_HEADER);
                        // RedisRateLimiter answers -1 when it could not ask Redis: there is nothing to tell then
                        if (remaining != null && !remaining.startsWith("-")) {
                            exchange.getResponse().getHeaders().set(InMemoryRateLimiter.REMAINING_HEADER, remaining);
                        }
                        return chain.filter(exchange);
                    }
                    refusals.count(path, Refusals.PER_CLIENT);
                    GatewayProblem refusal = GatewayProblem.tooManyRequests(
                            retryAfterSeconds(decision.getHeaders(), properties.replenishRate()),
                            properties.describe());
                    refusal.getHeaders().set(InMemoryRateLimiter.REMAINING_HEADER, "0");
                    return Mono.error(refusal);
                });
    }

    /**
     * Whole seconds until the client's bucket holds a token again, at least 1: the store's own answer when it gives
     * one (in memory), otherwise worked out from the token-bucket headers that {@link RedisRateLimiter} returns:
     * the missing tokens divided by the replenish rate, rounded up.
     */
    static long retryAfterSeconds(Map<String, String> headers, int replenishRate) {
        Long retryAfter = number(headers.get(HttpHeaders.RETRY_AFTER));
        if (retryAfter != null) {
            return Math.max(1, retryAfter);
        }
        Long remaining = number(headers.get(RedisRateLimiter.REMAINING_HEADER));
        Long requested = number(headers.get(RedisRateLimiter.REQUESTED_TOKENS_HEADER));
        long missing = (requested != null ? requested : 1) - Math.max(0, remaining != null ? remaining : 0);
        return Math.max(1, (missing + replenishRate - 1) / replenishRate);
    }

    private static @Nullable Long number(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }
}
