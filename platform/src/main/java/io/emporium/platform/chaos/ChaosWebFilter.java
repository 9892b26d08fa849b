package io.emporium.platform.chaos;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Applies {@link FaultInjection} to every exchange of a reactive service (the gateway) except those under the
 * management path. The latency is a timer, not a blocked thread; the failure is raised as an error and answered by
 * the platform's problem handler.
 */
class ChaosWebFilter implements WebFilter {

    private final FaultInjection faults;
    private final String managementPath;

    ChaosWebFilter(FaultInjection faults, String managementPath) {
        this.faults = faults;
        this.managementPath = managementPath;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.equals(managementPath) || path.startsWith(managementPath + "/")) {
            return chain.filter(exchange);
        }
        FaultInjection.Fault fault = faults.nextFault();
        Mono<Void> outcome = Mono.defer(
                () -> fault.error() ? Mono.error(new InjectedFaultException()) : chain.filter(exchange));
        return fault.delay().isZero() ? outcome : Mono.delay(fault.delay()).then(outcome);
    }
}
