package io.emporium.orders.order.web;

import java.time.Duration;

import io.emporium.orders.order.application.IdempotencyKeyReused;
import io.emporium.orders.order.application.OrderPlacementRejected;
import io.emporium.orders.order.application.Prices.CatalogUnavailable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The placement use case's refusals as RFC 9457 problems. They are {@link ErrorResponseException}s, so the platform
 * writes them like every other problem, trace id included. An unavailable catalog is a 503 with {@code Retry-After}.
 */
final class PlacementProblems {

    private PlacementProblems() {
    }

    static RuntimeException of(RuntimeException ex) {
        return switch (ex) {
            case IdempotencyKeyReused reused ->
                    problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused", reused.getMessage(), ex);
            case OrderPlacementRejected rejected ->
                    problem(HttpStatus.UNPROCESSABLE_CONTENT, "Order cannot be placed", rejected.getMessage(), ex);
            case CatalogUnavailable unavailable -> retryAfter(problem(HttpStatus.SERVICE_UNAVAILABLE,
                    "Catalog unavailable", "Prices cannot be obtained right now; nothing was ordered. Try again shortly.",
                    ex), unavailable.retryAfter());
            default -> ex;
        };
    }

    /** {@code Retry-After} in whole seconds, at least 1. */
    private static ErrorResponseException retryAfter(ErrorResponseException problem, Duration after) {
        long seconds = Math.max(1, (after.toMillis() + 999) / 1000);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return problem;
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail, Exception cause) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, cause);
    }
}
