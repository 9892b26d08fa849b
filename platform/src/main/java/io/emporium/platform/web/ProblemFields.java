package io.emporium.platform.web;

import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.validation.BindingResult;

/**
 * The extension members Emporium adds to RFC 9457 problem details, the same for servlet and reactive services:
 * {@code traceId} (quote it when reporting a problem) and, for invalid input, {@code errors}: one entry per
 * rejected field or parameter, {@code {"field": ..., "message": ...}}.
 */
public final class ProblemFields {

    public static final String TRACE_ID = "traceId";
    public static final String ERRORS = "errors";

    private ProblemFields() {
    }

    /** One rejected input: the field or parameter name, and why. */
    public record InvalidInput(String field, String message) {
    }

    public static void addTraceId(ProblemDetail problem, @Nullable String traceId) {
        if (traceId != null && (problem.getProperties() == null || !problem.getProperties().containsKey(TRACE_ID))) {
            problem.setProperty(TRACE_ID, traceId);
        }
    }

    public static void addErrors(ProblemDetail problem, BindingResult result) {
        List<InvalidInput> errors = result.getFieldErrors().stream().map(ProblemFields::of).toList();
        List<InvalidInput> global = result.getGlobalErrors().stream()
                .map(error -> new InvalidInput(error.getObjectName(), String.valueOf(error.getDefaultMessage())))
                .toList();
        problem.setProperty(ERRORS, concat(errors, global));
        problem.setDetail("The request has invalid fields.");
    }

    public static void addErrors(ProblemDetail problem, HandlerMethodValidationException ex) {
        List<InvalidInput> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors body
                        // a validated body: name its fields, not the parameter that holds it
                        ? body.getFieldErrors().stream().map(ProblemFields::of)
                        : result.getResolvableErrors().stream()
                                .map(error -> new InvalidInput(nameOf(result), String.valueOf(error.getDefaultMessage()))))
                .toList();
        problem.setProperty(ERRORS, errors);
        problem.setDetail("The request has invalid parameters.");
    }

    private static InvalidInput of(FieldError error) {
        return new InvalidInput(error.getField(), String.valueOf(error.getDefaultMessage()));
    }

    private static String nameOf(ParameterValidationResult result) {
        RequestParam param = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        String name = result.getMethodParameter().getParameterName();
        return name != null ? name : "argument " + result.getMethodParameter().getParameterIndex();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
