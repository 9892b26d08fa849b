package io.emporium.gateway.resilience;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The load balancer's instance list for every service (a per-service child context configuration, deliberately
 * not a {@code @Configuration} that component scanning would pick up): the discovery client's instances, only
 * those whose health check passes ({@code spring.cloud.loadbalancer.health-check.*}: the readiness probe, every
 * second; the list is fetched from discovery again every few seconds), minus those that already failed the
 * request being retried.
 */
class InstanceSelection {

    @Bean
    ServiceInstanceListSupplier healthyInstances(ConfigurableApplicationContext context) {
        return ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .withHealthChecks()
                .with((ignored, delegate) -> new AvoidFailedInstances(delegate))
                .build(context);
    }
}
