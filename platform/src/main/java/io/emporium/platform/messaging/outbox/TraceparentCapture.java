package io.emporium.platform.messaging.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

/** The W3C {@code traceparent} of the span in scope, as the configured propagator writes it; null without a span. */
final class TraceparentCapture implements Supplier<@Nullable String> {

    private final @Nullable Tracer tracer;
    private final @Nullable Propagator propagator;

    TraceparentCapture(@Nullable Tracer tracer, @Nullable Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public @Nullable String get() {
        if (tracer == null || propagator == null) {
            return null;
        }
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(4);
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get("traceparent");
    }
}
