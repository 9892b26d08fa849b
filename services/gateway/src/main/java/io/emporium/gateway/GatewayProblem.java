package io.emporium.gateway;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * A request the gateway answers itself instead of the service: 429 (the client is over its rate limit), 503
 * (unavailable, overloaded, circuit open) or 504 (no answer within the route's timeout); 429 and 503 always with
 * {@code Retry-After}. Rendered as an RFC 9457 problem with the trace id by the platform's error handler. It is an
 * {@link ErrorResponse} but deliberately not an {@code ErrorResponseException}: WebFlux's controller advice would
 * answer one of those itself, and that rendering leaves out the problem's {@code type}. Carries no stack trace: these
 * are expected, frequent answers, not bugs.
 */
public final class GatewayProblem extends RuntimeException implements ErrorResponse {

    private final HttpStatus status;
    private final ProblemDetail body;
    private final HttpHeaders headers = new HttpHeaders();

    private GatewayProblem(HttpStatus status, String detail, @Nullable Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.body = ProblemDetail.forStatusAndDetail(status, detail);
        this.body.setTitle(status.getReasonPhrase());
        if (retryAfterSeconds != null) {
            this.headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)));
        }
    }

    /**
     * 429: the client used up its rate limit ({@code limit} describes it) and may try again after
     * {@code retryAfterSeconds} (at least 1).
     */
    public static GatewayProblem tooManyRequests(long retryAfterSeconds, String limit) {
        return new GatewayProblem(HttpStatus.TOO_MANY_REQUESTS,
                "Rate limit exceeded: " + limit + ". Retry after " + retryAfterSeconds + " s.", retryAfterSeconds);
    }

    /** 503: {@code service} cannot serve the request now; the client may try again after {@code retryAfter}. */
    public static GatewayProblem unavailable(String service, String reason, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE,
                "The " + service + " service is unavailable: " + reason + ". Retry after " + seconds + " s.", seconds);
    }

    /** 503 with {@code Retry-After: 1}: the route already has as many requests in flight as it may. */
    public static GatewayProblem overloaded(String service) {
        return new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, "The " + service
                + " service is busy: too many requests are in progress. Retry after 1 s.", 1L);
    }

    /** 504: {@code service} did not answer within {@code timeout}. */
    public static GatewayProblem timedOut(String service, @Nullable Duration timeout) {
        return new GatewayProblem(HttpStatus.GATEWAY_TIMEOUT, "The " + service + " service did not answer"
                + (timeout != null ? " within " + timeout.toMillis() + " ms" : " in time") + ".", null);
    }

    @Override
    public HttpStatusCode getStatusCode() {
        return status;
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

    @Override
    public ProblemDetail getBody() {
        return body;
    }
}
