package io.emporium.platform.web;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 404, as an RFC 9457 problem: there is no such thing as the request names. Every service says it in the same words:
 * title {@code "<Thing> not found"}, detail {@code "No <thing> <which>"} (e.g. {@code "Payment not found"},
 * {@code "No payment for order 42"}), no type of its own (so {@code about:blank}); the platform's problem handling
 * adds the trace id, in servlet and reactive services alike. Headers may be added before it is thrown
 * ({@link #getHeaders()}).
 */
public final class NotFound extends ErrorResponseException {

    private NotFound(ProblemDetail problem) {
        super(HttpStatus.NOT_FOUND, problem, null);
    }

    /**
     * @param thing what was asked for, in lower case and singular ({@code "payment"})
     * @param which how the request named it ({@code "for order 42"}, {@code "with id 7"})
     */
    public static NotFound of(String thing, String which) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No " + thing + " " + which);
        problem.setTitle(thing.substring(0, 1).toUpperCase(Locale.ROOT) + thing.substring(1) + " not found");
        return new NotFound(problem);
    }
}
