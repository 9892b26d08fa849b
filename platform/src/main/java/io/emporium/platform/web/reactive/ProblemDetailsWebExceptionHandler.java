package io.emporium.platform.web.reactive;

import java.util.LinkedHashMap;
import java.util.Map;

import io.emporium.platform.trace.CurrentTrace;
import io.emporium.platform.web.ProblemFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every error that escapes a reactive service (the gateway: no route, no instance, downstream refused
 * or timed out, ...) with an RFC 9457 problem carrying the trace id, instead of Boot's default error JSON.
 * Errors that carry a status ({@link ErrorResponse}, e.g. {@code ResponseStatusException}) keep it; anything else
 * is a 500 whose body names no internals (the exception is logged with the trace id).
 */
class ProblemDetailsWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsWebExceptionHandler.class);

    private final CurrentTrace currentTrace;
    private final JsonMapper jsonMapper;

    ProblemDetailsWebExceptionHandler(CurrentTrace currentTrace, JsonMapper jsonMapper) {
        this.currentTrace = currentTrace;
        this.jsonMapper = jsonMapper;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex);
        }
        ProblemDetail problem = problemFor(ex, exchange);
        problem.setInstance(exchange.getRequest().getURI().resolve(exchange.getRequest().getPath().value()));
        ProblemFields.addTraceId(problem,
                currentTrace.traceId(ServerRequestObservationContext.findCurrent(exchange.getAttributes())));
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (ex instanceof ErrorResponse errorResponse) {
            errorResponse.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
        }
        DataBuffer body = response.bufferFactory().wrap(jsonMapper.writeValueAsBytes(asMap(problem)));
        return response.writeWith(Mono.just(body));
    }

    private static ProblemDetail problemFor(Throwable ex, ServerWebExchange exchange) {
        if (ex instanceof ErrorResponse errorResponse) {
            ProblemDetail body = errorResponse.getBody();
            if (errorResponse.getStatusCode().is5xxServerError()) {
                log.warn("{} {} failed: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                        ex.toString());
            }
            return body;
        }
        log.error("Unhandled exception while serving {} {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), ex);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred. Quote the traceId when reporting it.");
    }

    /** RFC 9457 members first, then the extension members at the top level (not nested under "properties"). */
    private static Map<String, Object> asMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType() != null ? problem.getType().toString() : "about:blank");
        body.put("title", problem.getTitle() != null ? problem.getTitle() : titleOf(problem.getStatus()));
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().getPath());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    private static String titleOf(int status) {
        HttpStatus resolved = HttpStatus.resolve(status);
        return resolved != null ? resolved.getReasonPhrase() : "Error";
    }
}
