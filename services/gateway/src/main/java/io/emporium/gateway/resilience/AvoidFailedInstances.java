package io.emporium.gateway.resilience;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * Leaves out of the load balancer's choice the instances that already failed the request being retried (their
 * keys are in the request attribute {@value #FAILED_INSTANCES_ATTR}, set by {@link IdempotentRetryFilter}), unless
 * that would leave none. Other requests are not affected: the health checks take a dead instance out for everyone.
 */
final class AvoidFailedInstances extends DelegatingServiceInstanceListSupplier {

    static final String FAILED_INSTANCES_ATTR = "emporium.gateway.failed-instances";

    AvoidFailedInstances(ServiceInstanceListSupplier delegate) {
        super(delegate);
    }

    static String keyOf(ServiceInstance instance) {
        return instance.getHost() + ":" + instance.getPort();
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return getDelegate().get();
    }

    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        Set<?> failed = failedOf(request);
        if (failed.isEmpty()) {
            return getDelegate().get(request);
        }
        return getDelegate().get(request).map(instances -> {
            List<ServiceInstance> others = instances.stream()
                    .filter(instance -> !failed.contains(keyOf(instance))).toList();
            return others.isEmpty() ? instances : others;
        });
    }

    private static Set<?> failedOf(Request request) {
        if (request.getContext() instanceof RequestDataContext context && context.getClientRequest() != null) {
            Map<String, Object> attributes = context.getClientRequest().getAttributes();
            if (attributes != null && attributes.get(FAILED_INSTANCES_ATTR) instanceof Set<?> failed) {
                return failed;
            }
        }
        return Set.of();
    }
}
