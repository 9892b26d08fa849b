package io.emporium.identity.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * How identity's own bearer-token endpoints ({@code /admin/**}, {@code /actuator/**}) refuse a request: an RFC 9457
 * problem (written by the platform's exception handling, so it carries the trace id) with an RFC 6750
 * {@code WWW-Authenticate} challenge, 401 without a valid token and 403 with a token whose roles do not allow the
 * request. Each refusal is a structured security event counted in {@code emporium.security.events{type,reason}}.
 * Nothing from the token is written.
 */
final class BearerTokenProblems {

    private static final Logger log = LoggerFactory.getLogger("emporium.security");

    private final MeterRegistry meters;
    private final HandlerExceptionResolver resolver;

    BearerTokenProblems(MeterRegistry meters, HandlerExceptionResolver resolver) {
        this.meters = meters;
        this.resolver = resolver;
    }

    AuthenticationEntryPoint entryPoint() {
        return (request, response, failure) -> {
            boolean missing = !(failure instanceof OAuth2AuthenticationException);
            String reason = missing ? "missing-token" : "invalid-token";
            record(request, "authentication-failure", reason, null);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, missing
                    ? "This request needs an access token: send it as 'Authorization: Bearer <token>'."
                    : "The access token was refused (" + reasonOf(failure) + "). Obtain a new one.");
            ErrorResponseException error = new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, failure);
            error.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    missing ? "Bearer" : "Bearer error=\"invalid_token\"");
            resolver.resolveException(request, response, null, error);
        };
    }

    AccessDeniedHandler accessDeniedHandler() {
        return (request, response, denied) -> {
            String user = request.getUserPrincipal() != null ? request.getUserPrincipal().getName() : null;
            record(request, "access-denied", "insufficient-role", user);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "The access token is valid, but its roles do not allow this request.");
            ErrorResponseException error = new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
            error.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
            resolver.resolveException(request, response, null, error);
        };
    }

    private void record(HttpServletRequest request, String type, String reason, @Nullable String user) {
        Counter.builder("emporium.security.events").description("Requests refused for authentication or authorization")
                .tag("type", type).tag("reason", reason).register(meters).increment();
        LoggingEventBuilder event = log.atWarn().addKeyValue("event.category", "authentication")
                .addKeyValue("event.action", type).addKeyValue("event.outcome", "failure")
                .addKeyValue("event.reason", reason).addKeyValue("http.request.method", request.getMethod())
                .addKeyValue("url.path", request.getRequestURI())
                .addKeyValue("source.address", request.getRemoteAddr());
        if (user != null) {
            event = event.addKeyValue("user.name", user);
        }
        event.log("{} {} {}: {}", type, request.getMethod(), request.getRequestURI(), reason);
    }

    /** The validator's own words (expired, wrong issuer, ...); they describe the check, not the token's content. */
    private static String reasonOf(AuthenticationException failure) {
        return failure instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null
                ? oauth.getError().getDescription().replaceAll("[\\p{Cntrl}\"]", " ")
                : "invalid token";
    }
}
