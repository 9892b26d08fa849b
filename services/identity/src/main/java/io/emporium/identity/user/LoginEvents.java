package io.emporium.identity.user;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Sign-ins with a user name and password (the login form): each failure is one structured security event
 * (logger {@code emporium.security}: {@code event.action=authentication-failure}, {@code user.name} as typed,
 * {@code source.address}, {@code reason} = the exception's simple name) and every outcome is counted in
 * {@code emporium.security.logins{outcome=success|failure}}. Failures are also counted with every other refused
 * request in {@code emporium.security.events{type=authentication-failure,reason}} (reason e.g.
 * {@code bad-credentials}), as docs/adr/0003 asks. The password is never read, let alone written.
 *
 * <p>Other authentications the server performs (clients at the token endpoint, bearer tokens on {@code /admin})
 * are not sign-ins and are not counted here.
 */
final class LoginEvents {

    static final String METER = "emporium.security.logins";

    private static final Logger log = LoggerFactory.getLogger("emporium.security");
    private static final int MAX_NAME_LENGTH = 64;

    private final MeterRegistry meters;
    private final Counter successes;
    private final Counter failures;

    LoginEvents(MeterRegistry meters) {
        this.meters = meters;
        this.successes = counter(meters, "success");
        this.failures = counter(meters, "failure");
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Authentication attempt = event.getAuthentication();
        if (!(attempt instanceof UsernamePasswordAuthenticationToken)) {
            return;
        }
        failures.increment();
        String user = printable(attempt.getName());
        String reason = event.getException().getClass().getSimpleName();
        Counter.builder("emporium.security.events").description("Requests refused for authentication or authorization")
                .tag("type", "authentication-failure").tag("reason", kebab(reason)).register(meters).increment();
        LoggingEventBuilder line = log.atWarn().addKeyValue("event.category", "authentication")
                .addKeyValue("event.action", "authentication-failure").addKeyValue("event.outcome", "failure")
                .addKeyValue("user.name", user).addKeyValue("reason", reason);
        String source = sourceAddress(attempt);
        if (source != null) {
            line = line.addKeyValue("source.address", source);
        }
        line.log("Sign-in failed for user '{}': {}", user, reason);
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        Authentication user = event.getAuthentication();
        if (!(user instanceof UsernamePasswordAuthenticationToken)) {
            return;
        }
        successes.increment();
        log.atInfo().addKeyValue("event.category", "authentication").addKeyValue("event.action", "authentication-success")
                .addKeyValue("event.outcome", "success").addKeyValue("user.name", user.getName())
                .log("User '{}' signed in", user.getName());
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder(METER).description("Sign-ins with user name and password, by outcome")
                .tag("outcome", outcome).register(meters);
    }

    private static @Nullable String sourceAddress(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }

    /** {@code BadCredentialsException} becomes {@code bad-credentials}. */
    static String kebab(String exceptionName) {
        String name = exceptionName.endsWith("Exception")
                ? exceptionName.substring(0, exceptionName.length() - "Exception".length()) : exceptionName;
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The name as typed, made safe for a log line: control characters replaced, length capped. */
    static String printable(String name) {
        String cleaned = name == null ? "" : name.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() <= MAX_NAME_LENGTH ? cleaned : cleaned.substring(0, MAX_NAME_LENGTH) + "...";
    }
}
