package io.emporium.platform.chaos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault-injection ("chaos") switch of one instance, shared by the servlet filter and the WebFlux filter: while
 * active, every request (except management ones) first waits {@code latency}, then fails with probability
 * {@code errorRate}. Turned on and off through the {@code chaos} actuator endpoint; it turns itself off at
 * {@code until}. Only ever created under the {@code local} or {@code test} profile.
 *
 * <p>Thread-safe: the settings are one immutable value swapped atomically. Injections are counted in
 * {@code emporium.chaos.injected{kind=latency|error}}; activation and deactivation are logged (logger
 * {@code emporium.chaos}, ECS {@code event.action} {@code chaos-activated} / {@code chaos-deactivated}).
 */
public final class FaultInjection {

    private static final Logger log = LoggerFactory.getLogger("emporium.chaos");

    private final Clock clock;
    private final DoubleSupplier random;
    private final Counter latencies;
    private final Counter errors;
    private volatile Settings settings = Settings.OFF;

    public FaultInjection(MeterRegistry meters) {
        this(meters, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    FaultInjection(MeterRegistry meters, Clock clock, DoubleSupplier random) {
        this.clock = clock;
        this.random = random;
        this.latencies = counter(meters, "latency");
        this.errors = counter(meters, "error");
    }

    private static Counter counter(MeterRegistry meters, String kind) {
        return Counter.builder("emporium.chaos.injected").description("Faults injected into requests by fault injection")
                .tag("kind", kind).register(meters);
    }

    /** What is injected while active; {@code latency} and {@code until} may be null. */
    record Settings(boolean active, @Nullable Duration latency, double errorRate, @Nullable Instant until) {

        static final Settings OFF = new Settings(false, null, 0, null);
    }

    /**
     * The state as the endpoint reports it: {@code latency} as an ISO-8601 duration ({@code PT2S}) and {@code until}
     * as an ISO-8601 instant, each null when not set.
     */
    public record State(boolean active, @Nullable String latency, double errorRate, @Nullable String until) {
    }

    /** The fault for one request: how long to wait first, and whether to fail it then. */
    public record Fault(Duration delay, boolean error) {

        static final Fault NONE = new Fault(Duration.ZERO, false);
    }

    /**
     * Turns injection on, replacing earlier settings.
     *
     * @param latency wait before each request, or null for none
     * @param errorRate share of requests answered 503, in [0, 1]
     * @param duration how long injection stays on, or null until {@link #deactivate()}
     * @throws IllegalArgumentException for an error rate outside [0, 1] or a negative latency or non-positive duration
     */
    public State activate(@Nullable Duration latency, double errorRate, @Nullable Duration duration) {
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("errorRate must be between 0 and 1, not " + errorRate);
        }
        if (latency != null && latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, not " + latency);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive, not " + duration);
        }
        Instant until = duration == null ? null : clock.instant().plus(duration);
        Settings active = new Settings(true, latency == null || latency.isZero() ? null : latency, errorRate, until);
        settings = active;
        log.atWarn().addKeyValue("event.action", "chaos-activated")
                .addKeyValue("chaos.latency", String.valueOf(active.latency()))
                .addKeyValue("chaos.error_rate", errorRate)
                .addKeyValue("chaos.until", String.valueOf(until))
                .log("Fault injection on: latency {}, error rate {}, until {}", active.latency(), errorRate,
                        until == null ? "turned off" : until);
        return describe(active);
    }

    /** Turns injection off; does nothing (and logs nothing) if it was off. */
    public State deactivate() {
        Settings previous = settings;
        settings = Settings.OFF;
        if (previous.active()) {
            logDeactivated("turned off");
        }
        return describe(Settings.OFF);
    }

    /** The current state; injection that has reached its {@code until} is switched off first. */
    public State state() {
        return describe(current());
    }

    /** Decides the fault for one request and counts it. */
    public Fault nextFault() {
        Settings current = current();
        if (!current.active()) {
            return Fault.NONE;
        }
        Duration delay = current.latency() == null ? Duration.ZERO : current.latency();
        boolean error = current.errorRate() > 0 && random.getAsDouble() < current.errorRate();
        if (!delay.isZero()) {
            latencies.increment();
        }
        if (error) {
            errors.increment();
        }
        return new Fault(delay, error);
    }

    private Settings current() {
        Settings current = settings;
        if (current.active() && current.until() != null && !clock.instant().isBefore(current.until())) {
            // only the thread that swaps the expired settings out logs the deactivation
            synchronized (this) {
                if (settings == current) {
                    settings = Settings.OFF;
                    logDeactivated("expired");
                }
            }
            return settings;
        }
        return current;
    }

    private static void logDeactivated(String reason) {
        log.atWarn().addKeyValue("event.action", "chaos-deactivated").addKeyValue("event.reason", reason)
                .log("Fault injection off ({})", reason);
    }

    private static State describe(Settings settings) {
        return new State(settings.active(), settings.latency() == null ? null : settings.latency().toString(),
                settings.errorRate(), settings.until() == null ? null : settings.until().toString());
    }
}
