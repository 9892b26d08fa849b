package io.emporium.runner.topology;

import java.time.Duration;

/**
 * The supervisor's liveness watchdog (the {@code liveness:} section of the topology): every {@code interval} after a
 * service instance is ready, it asks {@code /actuator/health/liveness}; after {@code failures} failed answers in a
 * row, it kills the instance so that it is restarted.
 *
 * @param interval time between two checks of one instance, more than zero
 * @param failures failed checks in a row that make an instance be killed; 0 turns the watchdog off
 */
public record LivenessSpec(Duration interval, int failures) {

    /** {@code liveness: { interval: 5s, failures: 3 }}: what applies when it is absent. */
    public static final LivenessSpec DEFAULTS = new LivenessSpec(Duration.ofSeconds(5), 3);

    public LivenessSpec {
        if (interval.isNegative() || interval.isZero() || failures < 0) {
            throw new IllegalArgumentException("the liveness interval must be positive and failures at least 0");
        }
    }

    public boolean enabled() {
        return failures > 0;
    }
}
