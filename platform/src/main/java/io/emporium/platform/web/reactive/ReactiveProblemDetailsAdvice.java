package io.emporium.platform.web.reactive;

import java.util.List;

import io.emporium.platform.trace.CurrentTrace;
import io.emporium.platform.web.ProblemFields;
import io.emporium.platform.web.StrictJson;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * The reactive twin of the servlet advice, for services with WebFlux controllers: framework exceptions become
 * problems with the trace id and, for invalid input, the list of rejected fields. Anything else falls through to
 * {@link ProblemDetailsWebExceptionHandler}.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ReactiveProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private final CurrentTrace currentTrace;

    ReactiveProblemDetailsAdvice(CurrentTrace currentTrace) {
        this.currentTrace = currentTrace;
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        ProblemFields.addErrors(ex.getBody(), ex.getBindingResult());
        return handleExceptionInternal(ex, ex.getBody(), headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status,
            ServerWebExchange exchange) {
        if (status.is4xxClientError()) {
            ProblemFields.addErrors(ex.getBody(), ex);
        }
        return handleExceptionInternal(ex, ex.getBody(), headers, status, exchange);
    }

    /** A body refused by {@link StrictJson}: the field and the rule, not the parser's message. */
    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<ProblemFields.InvalidInput> errors = StrictJson.errors(ex);
        if (errors.isEmpty()) {
            return super.handleServerWebInputException(ex, headers, status, exchange);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                "The request body is missing or is not valid JSON of the expected shape.");
        problem.setProperty(ProblemFields.ERRORS, errors);
        return handleExceptionInternal(ex, problem, headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem) {
            ProblemFields.addTraceId(problem,
                    currentTrace.traceId(ServerRequestObservationContext.findCurrent(exchange.getAttributes())));
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }
}
