package io.emporium.registry.access;

import java.util.Locale;
import java.util.Set;

import io.emporium.platform.security.SecurityEvents;
import io.emporium.platform.security.servlet.RefusalHandlers;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * How the registry refuses a request: a security event (never the credentials), then an RFC 9457 problem written by
 * the MVC exception handling. Bearer tokens (the management endpoints, {@code /actuator/**}) are refused as by every
 * other service ({@link RefusalHandlers}: 401 with a {@code Bearer} challenge, 503 when identity's keys are
 * unreachable); everything else asks for HTTP Basic ({@code WWW-Authenticate: Basic realm="emporium-registry"}), which
 * is what the Eureka clients and a browser on the dashboard answer.
 */
final class RegistryRefusals {

    static final String REALM = "emporium-registry";

    private static final Set<String> WRITES = Set.of("POST", "PUT", "DELETE", "PATCH");

    private RegistryRefusals() {
    }

    static AuthenticationEntryPoint entryPoint(SecurityEvents events, HandlerExceptionResolver resolver) {
        AuthenticationEntryPoint bearer = RefusalHandlers.entryPoint(events, resolver);
        return (request, response, failure) -> {
            if (failure instanceof OAuth2AuthenticationException || failure instanceof AuthenticationServiceException
                    || isManagement(request) || carriesBearerToken(request)) {
                bearer.commence(request, response, failure);
                return;
            }
            boolean refused = failure instanceof BadCredentialsException;
            events.authenticationFailed(requestOf(request), refused ? "bad-credentials" : "missing-credentials");
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, refused
                    ? "The registry credentials were refused."
                    : "The registry needs credentials: HTTP Basic, as the service's application name with its "
                            + "registry password.");
            ErrorResponseException error = new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
            error.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            resolver.resolveException(request, response, null, error);
        };
    }

    static AccessDeniedHandler accessDeniedHandler(SecurityEvents events, HandlerExceptionResolver resolver) {
        AccessDeniedHandler bearer = RefusalHandlers.accessDeniedHandler(events, resolver);
        return (request, response, denied) -> {
            if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken) {
                bearer.handle(request, response, denied);
                return;
            }
            boolean write = WRITES.contains(request.getMethod().toUpperCase(Locale.ROOT))
                    && request.getRequestURI().startsWith(request.getContextPath() + "/eureka/apps/");
            String user = request.getUserPrincipal() != null ? request.getUserPrincipal().getName() : null;
            events.accessDenied(requestOf(request), user, write ? "not-own-application" : "insufficient-role");
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, write
                    ? "A service registers, renews, changes and cancels instances of its own application only."
                    : "These credentials do not allow this request: the dashboard and the management endpoints "
                            + "need an administrator.");
            resolver.resolveException(request, response, null,
                    new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null));
        };
    }

    private static boolean isManagement(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
    }

    private static boolean carriesBearerToken(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static SecurityEvents.Request requestOf(HttpServletRequest request) {
        return new SecurityEvents.Request(request.getMethod(), request.getRequestURI(), request.getRemoteAddr());
    }
}
