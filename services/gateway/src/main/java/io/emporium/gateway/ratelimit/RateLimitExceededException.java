package io.emporium.gateway.ratelimit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * A refused request. It becomes a 429 problem ({@code application/problem+json}, with {@code Retry-After} and
 * {@code X-RateLimit-Remaining: 0}) through the platform's error handler, like a request refused by the internal-path
 * guard. It is an {@link ErrorResponse} but deliberately not an {@code ErrorResponseException}: WebFlux's controller
 * advice would answer one of those itself, and that rendering leaves out the problem's {@code type}.
 * <p>
 * Carries no stack trace: a runaway client causes many of these, and where they come from is always the same.
 */
final class RateLimitExceededException extends RuntimeException implements ErrorResponse {

    private final ProblemDetail body;
    private final HttpHeaders headers = new HttpHeaders();

    RateLimitExceededException(long retryAfterSeconds, String limit) {
        super("Rate limit exceeded", null, false, false);
        this.body = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Rate limit exceeded: " + limit + ". Retry after " + retryAfterSeconds + " s.");
        this.body.setTitle(HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
        this.headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        this.headers.set(InMemoryRateLimiter.REMAINING_HEADER, "0");
    }

    @Override
    public HttpStatusCode getStatusCode() {
        return HttpStatus.TOO_MANY_REQUESTS;
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
