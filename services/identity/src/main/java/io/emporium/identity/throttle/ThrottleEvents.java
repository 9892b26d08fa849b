package io.emporium.identity.throttle;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The throttle's security events (logger {@code emporium.security}, like identity's sign-in events and the platform's
 * refusals) and meters:
 * <ul>
 * <li>an attempt refused during a wait: {@code event.action=throttled}, counted in
 * {@code emporium.security.throttled{endpoint=login|token, reason=account-and-address|address|account}};</li>
 * <li>a failure that starts a wait: {@code event.action=backoff-started} with the wait, counted in
 * {@code emporium.security.backoffs{endpoint, reason}}.</li>
 * </ul>
 * Each names the account as typed ({@code user.name} or {@code client.id}, made printable) and
 * {@code source.address}; never the password or secret, which the throttle does not read.
 */
final class ThrottleEvents {

    static final String THROTTLED = "emporium.security.throttled";
    static final String BACKOFFS = "emporium.security.backoffs";

    private static final Logger log = LoggerFactory.getLogger("emporium.security");

    private final MeterRegistry meters;

    ThrottleEvents(MeterRegistry meters) {
        this.meters = meters;
    }

    void throttled(Endpoint endpoint, Scope scope, Attempt attempt, Duration wait) {
        Counter.builder(THROTTLED).description("Attempts at a password or client secret refused (429) during a backoff")
                .tag("endpoint", endpoint.tag()).tag("reason", scope.tag()).register(meters).increment();
        event(endpoint, "throttled", scope, attempt, wait)
                .log("{} {} for {} '{}' from {} refused: backing off ({}), retry in {} s", endpoint.tag(),
                        endpoint.attempts(), endpoint.account(), attempt.account(), attempt.address(), scope.tag(),
                        seconds(wait));
    }

    void backoffStarted(Endpoint endpoint, Scope scope, Attempt attempt, Duration wait) {
        Counter.builder(BACKOFFS).description("Failed attempts at a password or client secret that started a backoff")
                .tag("endpoint", endpoint.tag()).tag("reason", scope.tag()).register(meters).increment();
        event(endpoint, "backoff-started", scope, attempt, wait)
                .log("{} {} for {} '{}' from {}: too many failures ({}), next attempt in {} s", endpoint.tag(),
                        endpoint.attempts(), endpoint.account(), attempt.account(), attempt.address(), scope.tag(),
                        seconds(wait));
    }

    private static LoggingEventBuilder event(Endpoint endpoint, String action, Scope scope, Attempt attempt,
            Duration wait) {
        LoggingEventBuilder event = log.atWarn().addKeyValue("event.category", "authentication")
                .addKeyValue("event.action", action).addKeyValue("event.outcome", "failure")
                .addKeyValue("event.reason", scope.tag()).addKeyValue("emporium.endpoint", endpoint.tag())
                .addKeyValue("source.address", attempt.address())
                .addKeyValue("emporium.retry_after_seconds", seconds(wait));
        return attempt.account() == null ? event : event.addKeyValue(endpoint.accountField(), attempt.account());
    }

    /** Whole seconds, rounded up, at least 1: what {@code Retry-After} says. */
    static long seconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
