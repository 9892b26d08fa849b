package io.emporium.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
 * Token buckets (Bucket4j, greedy refill) in this gateway instance's memory, one per client id, kept in a bounded
 * Caffeine cache. A bucket left alone for as long as it takes to refill completely is dropped: it would be full
 * again, exactly like the new one created on the client's next request, so expiry never changes a decision.
 * <p>
 * Every route shares the client's one bucket; route-specific arguments are not supported. Responses carry
 * {@code X-RateLimit-Remaining} and, when refused, {@code Retry-After} (whole seconds until a token is back, at
 * least 1). Never blocks.
 */
final class InMemoryRateLimiter implements RateLimiter<Object> {

    static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private final Bandwidth limit;
    private final TimeMeter clock;
    private final Cache<String, Bucket> buckets;

    /**
     * @param clock the time the buckets refill by; {@link TimeMeter#SYSTEM_NANOTIME} in production, a
     * controllable one in tests
     */
    InMemoryRateLimiter(RateLimitProperties properties, TimeMeter clock) {
        this.limit = Bandwidth.builder()
                .capacity(properties.burstCapacity())
                .refillGreedy(properties.replenishRate(), Duration.ofSeconds(1))
                .build();
        this.clock = clock;
        long nanosToRefill = TimeUnit.SECONDS.toNanos(1) * properties.burstCapacity() / properties.replenishRate();
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.maxClients())
                .expireAfterAccess(Duration.ofNanos(nanosToRefill))
                .ticker(clock::currentTimeNanos)
                .build();
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        ConsumptionProbe probe = buckets.get(id, key -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Mono.just(new Response(true, Map.of(REMAINING_HEADER, Long.toString(probe.getRemainingTokens()))));
        }
        return Mono.just(new Response(false, Map.of(REMAINING_HEADER, "0", HttpHeaders.RETRY_AFTER,
                Long.toString(wholeSecondsAtLeastOne(probe.getNanosToWaitForRefill())))));
    }

    private Bucket newBucket() {
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

    // One limit for every route (RateLimitProperties): there is no per-route configuration to hold.

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
        throw new UnsupportedOperationException("the in-memory rate limiter has one limit for every route");
    }
}
