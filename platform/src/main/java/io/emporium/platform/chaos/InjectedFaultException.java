package io.emporium.platform.chaos;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The failure fault injection puts in place of a request: a 503 problem titled "Injected fault" with
 * {@code Retry-After: 1}, answered by the platform's problem handling (so it carries the trace id).
 */
final class InjectedFaultException extends ErrorResponseException {

    InjectedFaultException() {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "This failure was injected by fault injection (chaos testing); the request was not processed.");
        problem.setTitle("Injected fault");
        return problem;
    }
}
