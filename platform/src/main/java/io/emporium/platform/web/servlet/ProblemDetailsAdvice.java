package io.emporium.platform.web.servlet;

import java.util.List;

import io.emporium.platform.trace.CurrentTrace;
import io.emporium.platform.web.ProblemFields;
import io.emporium.platform.web.StrictJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception a controller lets escape into an RFC 9457 problem ({@code application/problem+json}) with
 * the right 4xx/5xx status and the trace id. Spring's {@link ResponseEntityExceptionHandler} already maps the
 * framework's exceptions (405, 415, 406, 404 for unknown paths, type mismatches, ...); this class adds the trace
 * id to all of them, lists invalid fields for validation failures and for bodies refused by {@link StrictJson} (the
 * field and the rule, never the parser's message or the value sent),
 * and answers anything unexpected with a 500 that names no internals (the exception is logged with the trace id),
 * except Resilience4j's refusals to call a downstream (open circuit breaker, full bulkhead), which are 503s with
 * {@code Retry-After} (see {@link DownstreamRefusals}).
 *
 * <p>Lowest precedence: a service's own advice for its exceptions wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final CurrentTrace currentTrace;
    private final DownstreamRefusals refusals;

    ProblemDetailsAdvice(CurrentTrace currentTrace, DownstreamRefusals refusals) {
        this.currentTrace = currentTrace;
        this.refusals = refusals;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid parameters.");
        problem.setProperty(ProblemFields.ERRORS, ex.getConstraintViolations().stream()
                .map(violation -> new ProblemFields.InvalidInput(lastNode(violation.getPropertyPath().toString()),
                        violation.getMessage()))
                .toList());
        return createResponseEntity(problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(RequestBodyTooLargeException.class)
    ResponseEntity<Object> handleTooLarge(RequestBodyTooLargeException ex, WebRequest request) {
        return createResponseEntity(ex.getBody(), new HttpHeaders(), ex.getStatusCode(), request);
    }

    @ExceptionHandler(MalformedRequestFilter.MalformedParametersException.class)
    ResponseEntity<Object> handleMalformedParameters(MalformedRequestFilter.MalformedParametersException ex,
            WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        return createResponseEntity(problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        ErrorResponseException refused = refusals.problemFor(ex);
        if (refused != null) {
            log.warn("Refused {}: {}", request.getDescription(false), ex.toString());
            return createResponseEntity(refused.getBody(), refused.getHeaders(), refused.getStatusCode(), request);
        }
        log.error("Unhandled exception while serving {}", request.getDescription(false), ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred. Quote the traceId when reporting it.");
        return createResponseEntity(problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemFields.addErrors(ex.getBody(), ex.getBindingResult());
        return handleExceptionInternal(ex, ex.getBody(), headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ex.getBody();
        if (status.is4xxClientError()) {
            ProblemFields.addErrors(problem, ex);
        }
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = RequestBodyTooLargeException.findIn(ex);
        if (tooLarge != null) {
            return handleTooLarge(tooLarge, request);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                "The request body is missing or is not valid JSON of the expected shape.");
        List<ProblemFields.InvalidInput> errors = StrictJson.errors(ex);
        if (!errors.isEmpty()) {
            problem.setProperty(ProblemFields.ERRORS, errors);
        }
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            ProblemFields.addTraceId(problem, currentTrace.traceId(
                    ServerHttpObservationFilter.findObservationContext(servletRequest(request))));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
