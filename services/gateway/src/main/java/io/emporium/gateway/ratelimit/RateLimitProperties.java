package io.emporium.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code emporium.gateway.rate-limit}: one token bucket per client for the whole API, and one per client address for
 * what is not (yet) authenticated.
 *
 * @param enabled whether requests are limited at all (both limits)
 * @param store where the buckets live: in this gateway instance's memory, or in Redis (shared by every instance)
 * @param replenishRate tokens added per second: the sustained requests per second a client may make
 * @param burstCapacity the bucket's size: how many requests a client may make at once after a quiet period
 * @param maxClients how many clients' buckets the in-memory store keeps at most (idle ones expire sooner)
 * @param unauthenticated the budget of a client address for requests without a bearer token and requests refused
 * with 401, checked before the token is ({@link UnauthenticatedLimitFilter})
 */
@ConfigurationProperties("emporium.gateway.rate-limit")
record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("memory") Store store,
        @DefaultValue("50") int replenishRate, @DefaultValue("100") int burstCapacity,
        @DefaultValue("10000") int maxClients, @DefaultValue Limit unauthenticated) {

    static final String PREFIX = "emporium.gateway.rate-limit";

    RateLimitProperties {
        Limit.check(PREFIX, replenishRate, burstCapacity);
        if (maxClients < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-clients must be at least 1, was " + maxClients);
        }
    }

    /** The per-client limit of authenticated (and anonymous) API requests. */
    Limit perClient() {
        return new Limit(replenishRate, burstCapacity);
    }

    /** The per-client limit in words, for the problem detail of a refused request. */
    String describe() {
        return perClient().describe("per client");
    }

    /**
     * A token bucket's size and refill.
     *
     * @param replenishRate tokens added per second
     * @param burstCapacity the most tokens the bucket holds
     */
    record Limit(@DefaultValue("50") int replenishRate, @DefaultValue("100") int burstCapacity) {

        Limit {
            check(PREFIX + ".unauthenticated", replenishRate, burstCapacity);
        }

        /** How long a full refill takes, in nanoseconds. */
        long nanosToRefill() {
            return 1_000_000_000L * burstCapacity / replenishRate;
        }

        /** How long one token takes to come back, in nanoseconds. */
        long nanosPerToken() {
            return (1_000_000_000L + replenishRate - 1) / replenishRate;
        }

        String describe(String perWhat) {
            return "at most " + burstCapacity + " requests at once and " + replenishRate + " per second sustained, "
                    + perWhat;
        }

        private static void check(String prefix, int replenishRate, int burstCapacity) {
            if (replenishRate < 1) {
                throw new IllegalArgumentException(prefix + ".replenish-rate must be at least 1, was " + replenishRate);
            }
            if (burstCapacity < replenishRate) {
                throw new IllegalArgumentException(prefix + ".burst-capacity (" + burstCapacity
                        + ") must be at least the replenish-rate (" + replenishRate + ")");
            }
        }
    }

    enum Store {
        /** Buckets in this instance's memory: each gateway instance counts on its own. */
        MEMORY,
        /** Buckets in Redis ({@code spring.data.redis.*}): one count across all gateway instances. */
        REDIS
    }
}
