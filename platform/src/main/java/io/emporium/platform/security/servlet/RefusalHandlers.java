package io.emporium.platform.security.servlet;

import io.emporium.platform.security.Problems;
import io.emporium.platform.security.SecurityEvents;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * How a servlet resource server refuses a request: a security event, then the RFC 9457 problem of {@link Problems}
 * written by the MVC exception handling (so it carries the trace id like every other error). Used by the platform's
 * filter chain and by any service that builds its own (identity's admin API).
 */
public final class RefusalHandlers {

    private RefusalHandlers() {
    }

    /** 401 (503 when the keys could not be fetched) for a missing or refused token. */
    public static AuthenticationEntryPoint entryPoint(SecurityEvents events, HandlerExceptionResolver resolver) {
        return (request, response, failure) -> {
            events.authenticationFailed(requestOf(request), failure);
            resolver.resolveException(request, response, null, Problems.of(failure));
        };
    }

    /** 403 for a valid token whose roles do not allow the request. */
    public static AccessDeniedHandler accessDeniedHandler(SecurityEvents events, HandlerExceptionResolver resolver) {
        return (request, response, denied) -> {
            events.accessDenied(requestOf(request),
                    request.getUserPrincipal() != null ? request.getUserPrincipal().getName() : null);
            resolver.resolveException(request, response, null, Problems.forbidden());
        };
    }

    /**
     * Makes the bearer-token filter hand every failure to {@code entryPoint}, including "the keys could not be
     * fetched" (which would otherwise escape as a 500): apply it with
     * {@code oauth2ResourceServer(server -> server.withObjectPostProcessor(...))}.
     */
    public static ObjectPostProcessor<BearerTokenAuthenticationFilter> failuresTo(AuthenticationEntryPoint entryPoint) {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                filter.setAuthenticationFailureHandler(
                        (request, response, failure) -> entryPoint.commence(request, response, failure));
                return filter;
            }
        };
    }

    private static SecurityEvents.Request requestOf(HttpServletRequest request) {
        return new SecurityEvents.Request(request.getMethod(), request.getRequestURI(), request.getRemoteAddr());
    }
}
