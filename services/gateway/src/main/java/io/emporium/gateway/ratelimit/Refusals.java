package io.emporium.gateway.ratelimit;

import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the requests refused with 429 in {@value #METRIC}{@code {route, limit}}: {@code limit} is
 * {@value #PRE_AUTH} for the per-address budget checked before authentication ({@link UnauthenticatedLimitFilter}),
 * {@value #PER_CLIENT} for the per-client limit after it ({@link RateLimitFilter}).
 */
final class Refusals {

    static final String METRIC = "emporium.gateway.rate.limited";
    static final String PRE_AUTH = "pre-auth";
    static final String PER_CLIENT = "per-client";
    static final String API_PREFIX = "/api/";
    /** The {@code route} tag of a refusal whose path names no configured route. */
    static final String OTHER_ROUTE = "other";

    private final MeterRegistry meterRegistry;
    private final Set<String> routeIds;

    /** @param routeIds the configured routes' ids: the only values of the {@code route} tag besides "other" */
    Refusals(MeterRegistry meterRegistry, Set<String> routeIds) {
        this.meterRegistry = meterRegistry;
        this.routeIds = Set.copyOf(routeIds);
    }

    void count(String path, String limit) {
        Counter.builder(METRIC)
                .description("Requests refused with 429 because their client had used up a rate limit")
                .tag("route", routeOf(path))
                .tag("limit", limit)
                .register(meterRegistry)
                .increment();
    }

    /**
     * The route a path is for, by the gateway's convention {@code /api/<route id>/...} (the order details,
     * {@code /api/orders/...}, count for orders); {@value #OTHER_ROUTE} when that names no configured route or the
     * path is not under {@code /api/}, so that clients cannot create meters at will.
     */
    String routeOf(String path) {
        if (!path.startsWith(API_PREFIX)) {
            return OTHER_ROUTE;
        }
        int end = path.indexOf('/', API_PREFIX.length());
        String segment = path.substring(API_PREFIX.length(), end < 0 ? path.length() : end);
        return routeIds.contains(segment) ? segment : OTHER_ROUTE;
    }
}
