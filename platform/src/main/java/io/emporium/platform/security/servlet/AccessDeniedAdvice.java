package io.emporium.platform.security.servlet;

import io.emporium.platform.security.Problems;
import io.emporium.platform.security.SecurityEvents;
import io.emporium.platform.trace.CurrentTrace;
import io.emporium.platform.web.ProblemFields;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * A service's own authorization decision inside a controller ({@code throw new AccessDeniedException("...")}, e.g.
 * for another customer's list) or from method security: a 403 problem with the exception's message as its detail,
 * and a security event ({@code access-denied}, reason {@code not-permitted}). Without it the platform's catch-all
 * would turn the refusal into a 500. Its message must state the rule, never someone else's data.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessDeniedAdvice {

    private final SecurityEvents events;
    private final CurrentTrace currentTrace;

    AccessDeniedAdvice(SecurityEvents events, CurrentTrace currentTrace) {
        this.events = events;
        this.currentTrace = currentTrace;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException denied, HttpServletRequest request) {
        events.accessDenied(new SecurityEvents.Request(request.getMethod(), request.getRequestURI(),
                request.getRemoteAddr()), request.getUserPrincipal() != null ? request.getUserPrincipal().getName() : null,
                "not-permitted");
        ErrorResponseException forbidden = Problems.forbidden(denied.getMessage());
        ProblemDetail problem = forbidden.getBody();
        ProblemFields.addTraceId(problem,
                currentTrace.traceId(ServerHttpObservationFilter.findObservationContext(request)));
        return ResponseEntity.status(forbidden.getStatusCode()).headers(forbidden.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
