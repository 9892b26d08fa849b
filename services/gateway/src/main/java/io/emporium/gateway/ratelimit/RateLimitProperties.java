package io.emporium.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code emporium.gateway.rate-limit}: one token bucket per client for the whole API.
 *
 * @param enabled whether routed requests are limited at all
 * @param store where the buckets live: in this gateway instance's memory, or in Redis (shared by every instance)
 * @param replenishRate tokens added per second: the sustained requests per second a client may make
 * @param burstCapacity the bucket's size: how many requests a client may make at once after a quiet period
 * @param maxClients how many clients' buckets the in-memory store keeps at most (idle ones expire sooner)
 */
@ConfigurationProperties("emporium.gateway.rate-limit")
record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("memory") Store store,
        @DefaultValue("50") int replenishRate, @DefaultValue("100") int burstCapacity,
        @DefaultValue("10000") int maxClients) {

    static final String PREFIX = "emporium.gateway.rate-limit";

    RateLimitProperties {
        if (replenishRate < 1) {
            throw new IllegalArgumentException(PREFIX + ".replenish-rate must be at least 1, was " + replenishRate);
        }
        if (burstCapacity < replenishRate) {
            throw new IllegalArgumentException(PREFIX + ".burst-capacity (" + burstCapacity
                    + ") must be at least the replenish-rate (" + replenishRate + ")");
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-clients must be at least 1, was " + maxClients);
        }
    }

    /** The limit in words, for the problem detail of a refused request. */
    String describe() {
        return "at most " + burstCapacity + " requests at once and " + replenishRate
                + " per second sustained, per client";
    }

    enum Store {
        /** Buckets in this instance's memory: each gateway instance counts on its own. */
        MEMORY,
        /** Buckets in Redis ({@code spring.data.redis.*}): one count across all gateway instances. */
        REDIS
    }
}
