package io.emporium.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;

import io.emporium.gateway.ratelimit.RateLimitProperties.Store;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InMemoryRateLimiterTest {

    static final RateLimitProperties.Limit DEFAULT_UNAUTHENTICATED = new RateLimitProperties.Limit(50, 100);

    final ManualClock clock = new ManualClock();

    @Test
    void admitsABurstThenRefusesWithTheTimeUntilTheNextToken() {
        InMemoryRateLimiter limiter = limiter(3, 1, 100);

        assertThat(ask(limiter, "ip:198.51.100.1")).satisfies(admittedWith("2"));
        assertThat(ask(limiter, "ip:198.51.100.1")).satisfies(admittedWith("1"));
        assertThat(ask(limiter, "ip:198.51.100.1")).satisfies(admittedWith("0"));

        Response refused = ask(limiter, "ip:198.51.100.1");
        assertThat(refused.isAllowed()).isFalse();
        assertThat(refused.getHeaders()).containsEntry("Retry-After", "1").containsEntry("X-RateLimit-Remaining", "0");
    }

    @Test
    void refillsAtTheReplenishRate() {
        InMemoryRateLimiter limiter = limiter(2, 1, 100);
        ask(limiter, "sub:alice");
        ask(limiter, "sub:alice");
        assertThat(ask(limiter, "sub:alice").isAllowed()).isFalse();

        clock.advance(Duration.ofMillis(999));
        assertThat(ask(limiter, "sub:alice").isAllowed()).isFalse();

        clock.advance(Duration.ofMillis(1));
        assertThat(ask(limiter, "sub:alice")).satisfies(admittedWith("0"));
        assertThat(ask(limiter, "sub:alice").isAllowed()).isFalse();
    }

    @Test
    void eachClientHasItsOwnBucket() {
        InMemoryRateLimiter limiter = limiter(1, 1, 100);

        assertThat(ask(limiter, "sub:alice").isAllowed()).isTrue();
        assertThat(ask(limiter, "sub:alice").isAllowed()).isFalse();
        assertThat(ask(limiter, "sub:bob").isAllowed()).isTrue();
        assertThat(ask(limiter, "ip:198.51.100.1").isAllowed()).isTrue();
    }

    @Test
    void eachScopeHasItsOwnLimitAndItsOwnBuckets() {
        InMemoryRateLimiter limiter = new InMemoryRateLimiter(Map.of("api", new RateLimitProperties.Limit(1, 1),
                "unauthenticated", new RateLimitProperties.Limit(1, 2)), 100, clock);

        assertThat(limiter.isAllowed("api", "ip:198.51.100.1").block()).satisfies(admittedWith("0"));
        assertThat(limiter.isAllowed("unauthenticated", "ip:198.51.100.1").block()).satisfies(admittedWith("1"));
        assertThat(limiter.isAllowed("unauthenticated", "ip:198.51.100.1").block()).satisfies(admittedWith("0"));
        assertThat(limiter.isAllowed("api", "ip:198.51.100.1").block().isAllowed()).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> limiter.isAllowed("catalog", "ip:198.51.100.1"));
    }

    @Test
    void forgetsABucketOnceItWouldBeFullAgain() {
        InMemoryRateLimiter limiter = limiter(4, 2, 100);
        ask(limiter, "sub:alice");
        ask(limiter, "sub:bob");
        assertThat(limiter.clients()).isEqualTo(2);

        clock.advance(Duration.ofMillis(1999));
        ask(limiter, "sub:bob");
        clock.advance(Duration.ofMillis(2));

        assertThat(limiter.clients()).isEqualTo(1);
    }

    @Test
    void keepsAtMostMaxClientsBuckets() {
        InMemoryRateLimiter limiter = limiter(4, 2, 2);
        for (int i = 0; i < 10; i++) {
            ask(limiter, "ip:198.51.100." + i);
        }

        assertThat(limiter.clients()).isLessThanOrEqualTo(2);
    }

    @Test
    void retryAfterIsInWholeSecondsAndNeverZero() {
        assertThat(InMemoryRateLimiter.wholeSecondsAtLeastOne(0)).isEqualTo(1);
        assertThat(InMemoryRateLimiter.wholeSecondsAtLeastOne(1)).isEqualTo(1);
        assertThat(InMemoryRateLimiter.wholeSecondsAtLeastOne(1_000_000_000)).isEqualTo(1);
        assertThat(InMemoryRateLimiter.wholeSecondsAtLeastOne(1_000_000_001)).isEqualTo(2);
    }

    @Test
    void refusesALimitWhoseBurstIsBelowItsRate() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitProperties(true, Store.MEMORY, 50, 10, 100, DEFAULT_UNAUTHENTICATED))
                .withMessageContaining("burst-capacity");
    }

    private InMemoryRateLimiter limiter(int burstCapacity, int replenishRate, int maxClients) {
        return new InMemoryRateLimiter(
                new RateLimitProperties(true, Store.MEMORY, replenishRate, burstCapacity, maxClients,
                        DEFAULT_UNAUTHENTICATED), clock);
    }

    private static Response ask(InMemoryRateLimiter limiter, String client) {
        return limiter.isAllowed(RateLimitFilter.SCOPE, client).block();
    }

    private static java.util.function.Consumer<Response> admittedWith(String remaining) {
        return response -> {
            assertThat(response.isAllowed()).isTrue();
            assertThat(response.getHeaders()).containsEntry("X-RateLimit-Remaining", remaining)
                    .doesNotContainKey("Retry-After");
        };
    }
}
