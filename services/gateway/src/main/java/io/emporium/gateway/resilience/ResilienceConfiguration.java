package io.emporium.gateway.resilience;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's resilience around every route, in the order a request meets it: the route's bulkhead
 * ({@link RouteBulkheadFilter}), its circuit breaker with fallback (Spring Cloud Gateway's {@code CircuitBreaker}
 * filter, a default filter in application.yaml, answered by {@link RouteFallbackController}), retries of idempotent
 * requests ({@link IdempotentRetryFilter}) and the choice of a healthy instance ({@link InstanceSelection}); the
 * per-route connect and response timeouts are route metadata.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = InstanceSelection.class)
class ResilienceConfiguration {

    /** Its shed counters exist from the start, at 0, for every configured route (so rate() and alerts see them). */
    @Bean
    LoadShedder loadShedder(BulkheadRegistry bulkheads, MeterRegistry meterRegistry, GatewayProperties gateway) {
        LoadShedder shedder = new LoadShedder(bulkheads, meterRegistry);
        gateway.getRoutes().forEach(route -> shedder.expect(route.getId()));
        return shedder;
    }

    @Bean
    RouteBulkheadFilter routeBulkheadFilter(LoadShedder loadShedder) {
        return new RouteBulkheadFilter(loadShedder);
    }

    /**
     * Spring Cloud CircuitBreaker tags the breakers it creates lazily with {@code group}, while those configured
     * under {@code resilience4j.circuitbreaker.instances} are created at start-up without it. Prometheus refuses a
     * second set of tag keys for the same meter name, so one kind of breaker would be missing from
     * /actuator/prometheus; the group is always the breaker's own name here, so it is dropped.
     */
    @Bean
    MeterFilter circuitBreakerMetersWithoutGroupTag() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("resilience4j.circuitbreaker") || id.getTag("group") == null) {
                    return id;
                }
                return id.replaceTags(id.getTags().stream().filter(tag -> !tag.getKey().equals("group")).toList());
            }
        };
    }

    @Bean
    IdempotentRetryFilter idempotentRetryFilter(RetryRegistry retries) {
        return new IdempotentRetryFilter(retries);
    }
}
