package io.emporium.platform.web.servlet;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/** A request body over the service's limit: answered with 413 and the limit, never read to the end. */
class RequestBodyTooLargeException extends ErrorResponseException {

    RequestBodyTooLargeException(DataSize limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, problem(limit), null);
    }

    private static ProblemDetail problem(DataSize limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than the limit of " + limit.toBytes() + " bytes.");
        problem.setProperty("limitBytes", limit.toBytes());
        return problem;
    }

    /** This exception, if it is {@code ex} or one of its causes; parsers wrap what the body stream throws. */
    static @Nullable RequestBodyTooLargeException findIn(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
