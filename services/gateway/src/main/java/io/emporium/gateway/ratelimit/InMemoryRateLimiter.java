package io.emporium.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * Token buckets (Bucket4j, greedy refill) in this gateway instance's memory, one per scope and client id, kept in a
 * bounded Caffeine cache. The scope is what Spring Cloud Gateway calls the route id: each names a limit
 * ({@link RateLimitFilter#SCOPE} the per-client one, {@link UnauthenticatedLimitFilter#SCOPE} the one per address
 * before authentication), and a client has a separate bucket in each. A bucket left alone for as long as it takes to
 * refill completely is dropped: it would be full again, exactly like the new one created on the client's next
 * request, so expiry never changes a decision.
 * <p>
 * Responses carry {@code X-RateLimit-Remaining} and, when refused, {@code Retry-After} (whole seconds until a token
 * is back, at least 1). Never blocks.
 */
final class InMemoryRateLimiter implements RateLimiter<Object> {

    static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private final Map<String, Bandwidth> limits;
    private final TimeMeter clock;
    private final Cache<String, Bucket> buckets;

    /** The gateway's two limits: per client ({@link RateLimitFilter#SCOPE}) and per address before authentication. */
    InMemoryRateLimiter(RateLimitProperties properties, TimeMeter clock) {
        this(Map.of(RateLimitFilter.SCOPE, properties.perClient(), UnauthenticatedLimitFilter.SCOPE,
                properties.unauthenticated()), properties.maxClients(), clock);
    }

    /**
     * @param limits the limit of each scope; a request in any other scope is a programming error
     * @param clock the time the buckets refill by; {@link TimeMeter#SYSTEM_NANOTIME} in production, a
     * controllable one in tests
     */
    InMemoryRateLimiter(Map<String, RateLimitProperties.Limit> limits, int maxClients, TimeMeter clock) {
        this.limits = limits.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> Bandwidth.builder()
                        .capacity(entry.getValue().burstCapacity())
                        .refillGreedy(entry.getValue().replenishRate(), Duration.ofSeconds(1))
                        .build()));
        this.clock = clock;
        long nanosToRefill = limits.values().stream().mapToLong(RateLimitProperties.Limit::nanosToRefill).max()
                .orElse(1);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterAccess(Duration.ofNanos(nanosToRefill))
                .ticker(clock::currentTimeNanos)
                .build();
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        Bandwidth limit = limits.get(routeId);
        if (limit == null) {
            throw new IllegalArgumentException("no rate limit is configured for scope " + routeId);
        }
        ConsumptionProbe probe = buckets.get(routeId + " " + id, key -> newBucket(limit))
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Mono.just(new Response(true, Map.of(REMAINING_HEADER, Long.toString(probe.getRemainingTokens()))));
        }
        return Mono.just(new Response(false, Map.of(REMAINING_HEADER, "0", HttpHeaders.RETRY_AFTER,
                Long.toString(wholeSecondsAtLeastOne(probe.getNanosToWaitForRefill())))));
    }

    private Bucket newBucket(Bandwidth limit) {
        return Bucket.builder().addLimit(limit).withCustomTimePrecision(clock).build();
    }

    static long wholeSecondsAtLeastOne(long nanos) {
        long second = TimeUnit.SECONDS.toNanos(1);
        return Math.max(1, (nanos + second - 1) / second);
    }

    /** The number of clients with a bucket right now (after pending expiries are applied). */
    long clients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    // The limits are per scope (given at construction), not per route: there is no per-route configuration to hold.

    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }

    @Override
    public Class<Object> getConfigClass() {
        return Object.class;
    }

    @Override
    public Object newConfig() {
        throw new UnsupportedOperationException("the in-memory rate limiter's limits are per scope, not per route");
    }
}
