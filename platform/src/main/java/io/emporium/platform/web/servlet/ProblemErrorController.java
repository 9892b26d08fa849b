package io.emporium.platform.web.servlet;

import io.emporium.platform.trace.CurrentTrace;
import io.emporium.platform.web.ProblemFields;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Replaces Boot's whitelabel/JSON {@code /error} page: errors raised outside controllers (by filters, the
 * container, {@code sendError}) are answered as RFC 9457 problems too, with the trace id. It never echoes the
 * exception message: those can carry internals.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private final CurrentTrace currentTrace;

    ProblemErrorController(CurrentTrace currentTrace) {
        this.currentTrace = currentTrace;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        if (status.is5xxServerError()) {
            problem.setDetail("An unexpected error occurred. Quote the traceId when reporting it.");
        }
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path instanceof String uri) {
            problem.setInstance(java.net.URI.create(uri));
        }
        ProblemFields.addTraceId(problem,
                currentTrace.traceId(ServerHttpObservationFilter.findObservationContext(request)));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status != null ? status : HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
