package io.emporium.platform.web.servlet;

import java.io.IOException;

import io.emporium.platform.trace.CurrentTrace;
import io.emporium.platform.trace.RequestId;
import io.emporium.platform.trace.TraceIdHeader;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Names the request in its response and its log lines: {@link TraceIdHeader} from the request's observation, and the
 * {@link RequestId} (the caller's, or a new one) as a response header and as {@code http.request.id} in the MDC.
 */
class TraceIdResponseFilter extends OncePerRequestFilter {

    private final CurrentTrace currentTrace;

    TraceIdResponseFilter(CurrentTrace currentTrace) {
        this.currentTrace = currentTrace;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String traceId = currentTrace.traceId(ServerHttpObservationFilter.findObservationContext(request));
        if (traceId != null) {
            response.setHeader(TraceIdHeader.NAME, traceId);
        }
        String requestId = RequestId.of(request.getHeader(RequestId.HEADER));
        response.setHeader(RequestId.HEADER, requestId);
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestId.LOG_KEY, requestId)) {
            chain.doFilter(request, response);
        }
    }
}
