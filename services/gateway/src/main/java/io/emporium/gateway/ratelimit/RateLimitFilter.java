package io.emporium.gateway.ratelimit;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Counts every routed request (the {@code /api/**} routes; the gateway's own {@code /actuator} is not routed) against
 * its client's token bucket, before the request is sent on. An admitted request goes on with
 * {@code X-RateLimit-Remaining} on its response; a refused one ends in a 429 problem with {@code Retry-After}, and
 * {@value #METRIC}{@code {route}} is incremented.
 * <p>
 * All routes share one bucket per client ({@link #SCOPE} is passed as the rate limiter's route id), so spreading
 * calls over services gains a client nothing. If the store cannot be asked (Redis down), Spring Cloud Gateway's
 * {@link RedisRateLimiter} admits the request and logs the error: the limit fails open, the API does not.
 */
final class RateLimitFilter implements GlobalFilter, Ordered {

    static final String METRIC = "emporium.gateway.rate.limited";
    static final String SCOPE = "api";

    private final RateLimiter<?> rateLimiter;
    private final KeyResolver keyResolver;
    private final RateLimitProperties properties;
    private final MeterRegistry meterRegistry;

    RateLimitFilter(RateLimiter<?> rateLimiter, KeyResolver keyResolver, RateLimitProperties properties,
            MeterRegistry meterRegistry) {
        this.rateLimiter = rateLimiter;
        this.keyResolver = keyResolver;
        this.properties = properties;
        this.meterRegistry = meterRegistry;
    }

    /** Just before the request is pointed at a service: a refused request costs no instance look-up. */
    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
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
                    refused(routeIdOf(exchange)).increment();
                    return Mono.error(new RateLimitExceededException(
                            retryAfterSeconds(decision.getHeaders(), properties.replenishRate()),
                            properties.describe()));
                });
    }

    private Counter refused(String routeId) {
        return Counter.builder(METRIC)
                .description("Requests refused with 429 because their client had used up its rate limit")
                .tag("route", routeId)
                .register(meterRegistry);
    }

    private static String routeIdOf(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route != null ? route.getId() : "unknown";
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
