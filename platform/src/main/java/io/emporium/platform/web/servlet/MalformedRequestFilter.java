package io.emporium.platform.web.servlet;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses, before any filter or handler reads them, the parts of a request the servlet stack would otherwise turn
 * into a 500 deep inside the framework: a {@code Content-Type} that does not parse or names a wildcard
 * ({@code *}{@code /*}; Spring asserts against it when it builds the request's headers) is a 415, and a query string
 * or form body whose percent-encoding is broken ({@code ?size=%ff}, {@code ?q=%}; Tomcat throws when the parameters
 * are first read) is a 400. Both answers are problems produced by the same exception handling as every other error.
 * Form bodies are read here only when they are forms, which every reader would parse the same way.
 */
class MalformedRequestFilter extends OncePerRequestFilter {

    private final HandlerExceptionResolver exceptionResolver;

    MalformedRequestFilter(HandlerExceptionResolver exceptionResolver) {
        this.exceptionResolver = exceptionResolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !contentType.isBlank()) {
            try {
                MediaType type = MediaType.parseMediaType(contentType);
                if (type.isWildcardType() || type.isWildcardSubtype()) {
                    refuse(request, response, new HttpMediaTypeNotSupportedException(type, List.of()));
                    return;
                }
            }
            catch (InvalidMediaTypeException ex) {
                refuse(request, response, new HttpMediaTypeNotSupportedException("Could not parse Content-Type."));
                return;
            }
        }
        try {
            request.getParameterMap();
        }
        catch (IllegalStateException ex) {
            // Tomcat's InvalidParameterException: the message is Tomcat's, quoting the (possibly corrupted) value
            refuse(request, response, new MalformedParametersException());
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Exception ex) {
        exceptionResolver.resolveException(request, response, null, ex);
    }

    /** A query string or form body that is not valid percent-encoded UTF-8. */
    static final class MalformedParametersException extends RuntimeException {

        MalformedParametersException() {
            super("The query string or form body is not valid percent-encoded UTF-8.", null, false, false);
        }
    }
}
