package io.emporium.platform.security;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Records every refused request as a structured security event (logger {@code emporium.security}, ECS fields
 * {@code event.action}, {@code event.reason}, {@code user.name}, {@code http.request.method}, {@code url.path},
 * {@code source.address}) and counts it in {@code emporium.security.events{type,reason}}. The token itself, or any
 * part of it, is never written: only why it was refused.
 */
public final class SecurityEvents {

    public static final String AUTHENTICATION_FAILURE = "authentication-failure";
    public static final String ACCESS_DENIED = "access-denied";

    private static final Logger log = LoggerFactory.getLogger("emporium.security");

    private final MeterRegistry meters;

    public SecurityEvents(MeterRegistry meters) {
        this.meters = meters;
    }

    /** The request being refused, as seen by the web layer (servlet or reactive). */
    public record Request(String method, String path, @Nullable String sourceAddress) {
    }

    public void authenticationFailed(Request request, AuthenticationException failure) {
        record(AUTHENTICATION_FAILURE, reasonOf(failure), null, request);
    }

    /**
     * A refused authentication that is not a bearer token (e.g. HTTP Basic at the registry), with the caller's own
     * short reason ({@code missing-credentials}, {@code bad-credentials}); never the credentials themselves.
     */
    public void authenticationFailed(Request request, String reason) {
        record(AUTHENTICATION_FAILURE, reason, null, request);
    }

    /** A valid token whose roles do not allow the request (URL rules). */
    public void accessDenied(Request request, @Nullable String userName) {
        accessDenied(request, userName, "insufficient-role");
    }

    /** A valid token refused by a service's own rule, e.g. {@code not-owner} for another customer's data. */
    public void accessDenied(Request request, @Nullable String userName, String reason) {
        record(ACCESS_DENIED, reason, userName, request);
    }

    private void record(String type, String reason, @Nullable String userName, Request request) {
        Counter.builder("emporium.security.events").description("Requests refused for authentication or authorization")
                .tag("type", type).tag("reason", reason).register(meters).increment();
        LoggingEventBuilder event = log.atWarn().addKeyValue("event.category", "authentication")
                .addKeyValue("event.action", type).addKeyValue("event.outcome", "failure")
                .addKeyValue("event.reason", reason).addKeyValue("http.request.method", request.method())
                .addKeyValue("url.path", request.path());
        if (userName != null) {
            event = event.addKeyValue("user.name", userName);
        }
        if (request.sourceAddress() != null) {
            event = event.addKeyValue("source.address", request.sourceAddress());
        }
        event.log("{} {} {}: {}", type, request.method(), request.path(), reason);
    }

    /**
     * A short, stable reason for a failed authentication. Derived from the error codes and validator messages of
     * Spring Security, never from the token.
     */
    static String reasonOf(AuthenticationException failure) {
        if (failure instanceof AuthenticationServiceException) {
            return "issuer-unreachable";
        }
        if (!(failure instanceof OAuth2AuthenticationException oauth)) {
            return "missing-token";
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtValidationException invalid) {
                return invalid.getErrors().stream().map(SecurityEvents::reasonOf).findFirst().orElse("invalid-claims");
            }
        }
        String description = String.valueOf(oauth.getError().getDescription()).toLowerCase(Locale.ROOT);
        if (description.contains("signature") || description.contains("no matching key")) {
            return "bad-signature";
        }
        if (description.contains("algorithm")) {
            return "unsupported-algorithm";
        }
        return "malformed-token";
    }

    private static String reasonOf(OAuth2Error error) {
        String description = String.valueOf(error.getDescription()).toLowerCase(Locale.ROOT);
        if (description.contains("expired")) {
            return "expired";
        }
        if (description.contains("used before")) {
            return "not-yet-valid";
        }
        if (description.contains("exp")) {
            return "missing-expiry";
        }
        if (description.contains("iss")) {
            return "wrong-issuer";
        }
        if (description.contains("aud")) {
            return "wrong-audience";
        }
        return "invalid-claims";
    }
}
