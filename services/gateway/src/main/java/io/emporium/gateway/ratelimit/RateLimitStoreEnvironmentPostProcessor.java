package io.emporium.gateway.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps Redis out of the gateway unless the rate limiter's store is Redis: without
 * {@code emporium.gateway.rate-limit.store=redis} (and the limiter enabled), Boot's Redis auto-configuration is
 * excluded, so no connection factory, client or health check exists that could try to reach a Redis that is not
 * there. Exclusions configured elsewhere in {@code spring.autoconfigure.exclude} are kept.
 */
class RateLimitStoreEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE = "emporiumGatewayRateLimitStore";
    static final String EXCLUDE = "spring.autoconfigure.exclude";
    static final List<String> REDIS_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration",
            "org.springframework.cloud.gateway.config.GatewayRedisAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (usesRedis(environment)) {
            return;
        }
        Binder binder = Binder.get(environment);
        List<String> exclusions = new ArrayList<>(
                binder.bind(EXCLUDE, Bindable.listOf(String.class)).orElse(List.of()));
        REDIS_AUTO_CONFIGURATIONS.stream().filter(name -> !exclusions.contains(name)).forEach(exclusions::add);
        environment.getPropertySources()
                .addFirst(new MapPropertySource(SOURCE, Map.of(EXCLUDE, String.join(",", exclusions))));
    }

    static boolean usesRedis(ConfigurableEnvironment environment) {
        boolean enabled = environment.getProperty(RateLimitProperties.PREFIX + ".enabled", Boolean.class, true);
        String store = environment.getProperty(RateLimitProperties.PREFIX + ".store", "memory");
        return enabled && store.strip().toLowerCase(Locale.ROOT).equals("redis");
    }
}
