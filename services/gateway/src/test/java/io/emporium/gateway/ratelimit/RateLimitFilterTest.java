package io.emporium.gateway.ratelimit;

import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitFilterTest {

    @Test
    void retryAfterIsTheStoresOwnWhenItGivesOne() {
        assertThat(RateLimitFilter.retryAfterSeconds(Map.of("Retry-After", "3"), 50)).isEqualTo(3);
    }

    @Test
    void retryAfterIsWorkedOutFromRedisTokenBucketHeaders() {
        // what RedisRateLimiter answers when the bucket is empty
        Map<String, String> empty = Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Requested-Tokens", "1",
                "X-RateLimit-Replenish-Rate", "50", "X-RateLimit-Burst-Capacity", "100");
        assertThat(RateLimitFilter.retryAfterSeconds(empty, 50)).isEqualTo(1);

        Map<String, String> fiveMissing = Map.of("X-RateLimit-Remaining", "1", "X-RateLimit-Requested-Tokens", "6");
        assertThat(RateLimitFilter.retryAfterSeconds(fiveMissing, 2)).isEqualTo(3);
    }

    @Test
    void aRefusalIsCountedForTheRouteThePathNamesOrForOtherWhenItNamesNone() {
        Refusals refusals = new Refusals(new SimpleMeterRegistry(), Set.of("catalog", "orders"));

        assertThat(refusals.routeOf("/api/catalog/products")).isEqualTo("catalog");
        assertThat(refusals.routeOf("/api/orders/o-1/details")).isEqualTo("orders");
        assertThat(refusals.routeOf("/api/orders")).isEqualTo("orders");
        assertThat(refusals.routeOf("/api/made-up-" + System.nanoTime() + "/x")).isEqualTo("other");
        assertThat(refusals.routeOf("/actuator/health")).isEqualTo("other");
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        assertThat(RateLimitFilter.retryAfterSeconds(Map.of(), 1000)).isEqualTo(1);
        assertThat(RateLimitFilter.retryAfterSeconds(Map.of("Retry-After", "0"), 1)).isEqualTo(1);
        assertThat(RateLimitFilter.retryAfterSeconds(Map.of("X-RateLimit-Remaining", "garbage"), 1)).isEqualTo(1);
    }
}
