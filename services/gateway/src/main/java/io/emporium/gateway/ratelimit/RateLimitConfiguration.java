package io.emporium.gateway.ratelimit;

import java.util.Set;
import java.util.stream.Collectors;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Rate limiting of every {@code /api/**} request ({@code emporium.gateway.rate-limit.*}): one {@link RateLimiter} (in memory, or
 * Spring Cloud Gateway's {@link RedisRateLimiter} when {@code store=redis}) behind one {@link RateLimitFilter}.
 * Redis is only configured (and only ever connected to) with {@code store=redis}; see
 * {@link RateLimitStoreEnvironmentPostProcessor}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = RateLimitProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    @Bean
    ClientKeyResolver clientKeyResolver(Environment environment) {
        return new ClientKeyResolver(environment.getProperty(TrustedProxies.PROPERTY));
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
        return new RedisRateLimiter(properties.replenishRate(), properties.burstCapacity());
    }

    @Bean
    RateLimitFilter rateLimitFilter(RateLimiter<?> rateLimiter, ClientKeyResolver clientKeyResolver,
            RateLimitProperties properties, MeterRegistry meterRegistry, GatewayProperties gateway) {
        Set<String> routeIds = gateway.getRoutes().stream().map(RouteDefinition::getId).collect(Collectors.toSet());
        return new RateLimitFilter(rateLimiter, clientKeyResolver, properties, meterRegistry, routeIds);
    }
}
