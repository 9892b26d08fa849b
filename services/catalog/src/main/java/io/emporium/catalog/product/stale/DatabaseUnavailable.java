package io.emporium.catalog.product.stale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 503: the database is unreachable and no earlier answer to this read is kept. The platform renders it as a problem
 * with the trace id; {@code Retry-After} says when to try again.
 */
public class DatabaseUnavailable extends ErrorResponseException {

    static final String RETRY_AFTER_SECONDS = "5";

    DatabaseUnavailable(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The catalog's database cannot be reached right now and this answer is not cached. Try again shortly.");
        problem.setTitle("Catalog temporarily unavailable");
        return problem;
    }
}
