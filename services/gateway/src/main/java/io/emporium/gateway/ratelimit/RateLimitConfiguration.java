package io.emporium.gateway.ratelimit;

import java.util.Set;
import java.util.stream.Collectors;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rate limiting ({@code emporium.gateway.rate-limit.*}): one {@link RateLimiter} (in memory, or Spring Cloud Gateway's
 * {@link RedisRateLimiter} when {@code store=redis}) behind two filters: {@link UnauthenticatedLimitFilter}, the
 * budget of a client address before authentication, and {@link RateLimitFilter}, the per-client limit of every
 * {@code /api/**} request after it.
 * Redis is only configured (and only ever connected to) with {@code store=redis}; see
 * {@link RateLimitStoreEnvironmentPostProcessor}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = RateLimitProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    @Bean
    ClientKeyResolver clientKeyResolver() {
        return new ClientKeyResolver();
    }

    /** @param clock only tests declare one; the buckets otherwise refill by {@link TimeMeter#SYSTEM_NANOTIME} */
    @Bean
    @ConditionalOnProperty(prefix = RateLimitProperties.PREFIX, name = "store", havingValue = "memory",
            matchIfMissing = true)
    InMemoryRateLimiter inMemoryRateLimiter(RateLimitProperties properties, ObjectProvider<TimeMeter> clock) {
        return new InMemoryRateLimiter(properties, clock.getIfAvailable(() -> TimeMeter.SYSTEM_NANOTIME));
    }

    /**
     * Replaces the gateway's own (unconfigured) {@code redisRateLimiter}; it finds its Redis template and Lua
     * script in the context.
     */
    @Bean
    @ConditionalOnProperty(prefix = RateLimitProperties.PREFIX, name = "store", havingValue = "redis")
    RedisRateLimiter redisRateLimiter(RateLimitProperties properties) {
        RedisRateLimiter limiter = new RedisRateLimiter(properties.replenishRate(), properties.burstCapacity());
        // the per-client limit is the default; the budget before authentication has its own scope ("route")
        limiter.getConfig().put(UnauthenticatedLimitFilter.SCOPE, new RedisRateLimiter.Config()
                .setReplenishRate(properties.unauthenticated().replenishRate())
                .setBurstCapacity(properties.unauthenticated().burstCapacity()));
        return limiter;
    }

    @Bean
    Refusals rateLimitRefusals(MeterRegistry meterRegistry, GatewayProperties gateway) {
        Set<String> routeIds = gateway.getRoutes().stream().map(RouteDefinition::getId).collect(Collectors.toSet());
        return new Refusals(meterRegistry, routeIds);
    }

    @Bean
    RateLimitFilter rateLimitFilter(RateLimiter<?> rateLimiter, ClientKeyResolver clientKeyResolver,
            RateLimitProperties properties, Refusals refusals) {
        return new RateLimitFilter(rateLimiter, clientKeyResolver, properties, refusals);
    }

    /** @param clock only tests declare one; the marks of empty budgets otherwise expire by the system's time */
    @Bean
    UnauthenticatedLimitFilter unauthenticatedLimitFilter(RateLimiter<?> rateLimiter, RateLimitProperties properties,
            Refusals refusals, ObjectProvider<TimeMeter> clock) {
        return new UnauthenticatedLimitFilter(rateLimiter, properties, refusals,
                clock.getIfAvailable(() -> TimeMeter.SYSTEM_NANOTIME));
    }
}
