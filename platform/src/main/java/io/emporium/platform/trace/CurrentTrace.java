package io.emporium.platform.trace;

import java.util.Optional;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Finds the trace id of the request being handled, so that error bodies can carry it.
 *
 * <p>The span in scope is the first choice. Error handlers may run where no span is in scope (the servlet
 * {@code /error} dispatch, a reactive error handler on an event-loop thread); they pass the request's
 * observation context, which still holds the span. Returns {@code null} when tracing is off.
 */
public final class CurrentTrace {

    private final @Nullable Tracer tracer;

    public CurrentTrace(@Nullable Tracer tracer) {
        this.tracer = tracer;
    }

    /** The trace id of the span in scope, of the given observation context, or of the logging MDC; or null. */
    public @Nullable String traceId(Optional<? extends Observation.Context> requestObservation) {
        if (tracer != null) {
            Span span = tracer.currentSpan();
            if (span != null) {
                return span.context().traceId();
            }
        }
        return requestObservation.map(CurrentTrace::traceIdOf).orElseGet(() -> MDC.get("traceId"));
    }

    private static @Nullable String traceIdOf(Observation.Context context) {
        TracingContext tracing = context.get(TracingContext.class);
        if (tracing == null || tracing.getSpan() == null) {
            return null;
        }
        return tracing.getSpan().context().traceId();
    }
}
