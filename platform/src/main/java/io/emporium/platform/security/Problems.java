package io.emporium.platform.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponseException;

/**
 * The RFC 9457 answers of a resource server: 401 with a {@code WWW-Authenticate: Bearer} challenge (RFC 6750) when
 * the token is missing or not valid, 403 when it is valid but its roles do not allow the request. The details say
 * which check failed, never what the token contained. They carry no cause: exception handlers match causes too, and
 * the security exception underneath must not select another handler than the one for the problem itself.
 */
public final class Problems {

    private Problems() {
    }

    /**
     * The answer to a failed authentication: 401, or 503 (with {@code Retry-After}) when the token could not be
     * checked at all because the issuer's keys were unreachable; that is not the caller's fault.
     */
    public static ErrorResponseException of(AuthenticationException failure) {
        if (failure instanceof AuthenticationServiceException) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "Access tokens cannot be checked right now: the identity service's keys are unreachable. "
                            + "Retry shortly.");
            ErrorResponseException error = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
            error.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
            return error;
        }
        return unauthorized(failure);
    }

    public static ErrorResponseException unauthorized(AuthenticationException failure) {
        String reason = SecurityEvents.reasonOf(failure);
        boolean missing = reason.equals("missing-token");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, missing
                ? "This request needs an access token: send it as 'Authorization: Bearer <token>'."
                : "The access token was refused (" + reason + "). Obtain a new one.");
        ErrorResponseException error = new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
        error.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                missing ? "Bearer" : "Bearer error=\"invalid_token\", error_description=\"" + reason + "\"");
        return error;
    }

    public static ErrorResponseException forbidden() {
        return forbidden("The access token is valid, but its roles do not allow this request.");
    }

    /** 403 with the given detail, which must name the rule, never data of someone else. */
    public static ErrorResponseException forbidden(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
        ErrorResponseException error = new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
        error.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        return error;
    }
}
