package io.emporium.platform.web.servlet;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.ClassUtils;
import org.springframework.web.ErrorResponseException;

/**
 * Resilience4j's refusals to call a downstream ({@code CallNotPermittedException}: the circuit breaker is open;
 * {@code BulkheadFullException}: too many calls in flight) as 503 problems with {@code Retry-After}: the request was
 * fine, the service cannot serve it right now, and the caller should retry later rather than never. Recognized by
 * class name, so services without Resilience4j neither need it nor load it.
 */
final class DownstreamRefusals {

    private static final @Nullable Class<?> CALL_NOT_PERMITTED =
            load("io.github.resilience4j.circuitbreaker.CallNotPermittedException");
    private static final @Nullable Class<?> BULKHEAD_FULL = load("io.github.resilience4j.bulkhead.BulkheadFullException");

    private final Duration circuitOpenRetryAfter;

    /** @param circuitOpenRetryAfter how long an open circuit stays open (the default circuit breaker's wait) */
    DownstreamRefusals(Duration circuitOpenRetryAfter) {
        this.circuitOpenRetryAfter = circuitOpenRetryAfter;
    }

    /** The 503 problem for a refusal of Resilience4j, or null for any other exception. */
    @Nullable ErrorResponseException problemFor(Throwable ex) {
        if (CALL_NOT_PERMITTED != null && CALL_NOT_PERMITTED.isInstance(ex)) {
            return unavailable("A service this request needs is failing and is not being called for now"
                    + " (circuit breaker open). Retry later.", Math.max(1, circuitOpenRetryAfter.toSeconds()));
        }
        if (BULKHEAD_FULL != null && BULKHEAD_FULL.isInstance(ex)) {
            return unavailable("Too many requests are waiting for a service this request needs (bulkhead full)."
                    + " Retry shortly.", 1);
        }
        return null;
    }

    private static ErrorResponseException unavailable(String detail, long retryAfterSeconds) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        ErrorResponseException error = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
        error.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return error;
    }

    private static @Nullable Class<?> load(String name) {
        ClassLoader loader = DownstreamRefusals.class.getClassLoader();
        return ClassUtils.isPresent(name, loader) ? ClassUtils.resolveClassName(name, loader) : null;
    }
}
