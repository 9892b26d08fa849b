package io.emporium.gateway.resilience;

import io.emporium.gateway.GatewayProblem;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Bounds how much of one kind of work the gateway does at once, with a Resilience4j semaphore {@link Bulkhead}
 * ({@code resilience4j.bulkhead.instances.<name>}, inheriting {@code configs.default}). With
 * {@code max-wait-duration: 0} work beyond {@code max-concurrent-calls} is shed at once, never queued: it fails with
 * {@link GatewayProblem#overloaded} (503, {@code Retry-After: 1}) and is counted in {@value #SHED_METRIC}{@code {route}}
 * (the bulkhead's name). Used for each route ({@link RouteBulkheadFilter}) and for what the gateway answers itself
 * (the order details).
 */
public final class LoadShedder {

    static final String SHED_METRIC = "emporium.gateway.shed";

    private final BulkheadRegistry bulkheads;
    private final MeterRegistry meterRegistry;

    LoadShedder(BulkheadRegistry bulkheads, MeterRegistry meterRegistry) {
        this.bulkheads = bulkheads;
        this.meterRegistry = meterRegistry;
    }

    /**
     * {@code work}, subscribed to only if bulkhead {@code name} has a permit free; the permit is held until
     * {@code work} completes, fails or is cancelled. Otherwise an error: {@link GatewayProblem#overloaded} naming
     * {@code service}, and {@code work} is never subscribed to.
     */
    public <T> Mono<T> withinBulkhead(String name, String service, Mono<T> work) {
        Bulkhead bulkhead = bulkheads.bulkhead(name);
        return work.transform(BulkheadOperator.of(bulkhead))
                .onErrorResume(BulkheadFullException.class, full -> {
                    shed(name).increment();
                    return Mono.error(GatewayProblem.overloaded(service));
                });
    }

    /**
     * Registers the shed counter of bulkhead {@code name} at 0, before anything was shed: a series that exists from
     * the start lets {@code rate()} and alert rules see the first shed request.
     */
    public void expect(String name) {
        shed(name);
    }

    private Counter shed(String name) {
        return Counter.builder(SHED_METRIC)
                .description("Requests refused with 503 at once because as many of their kind (their route, or "
                        + "the order details) were in progress as their bulkhead allows")
                .tag("route", name)
                .register(meterRegistry);
    }
}
