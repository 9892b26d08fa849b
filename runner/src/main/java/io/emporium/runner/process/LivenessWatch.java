package io.emporium.runner.process;

import java.time.Duration;

/**
 * How a {@link ProcessPart} is watched once it is ready: {@code liveness} is asked every {@code interval}, and after
 * {@code failures} failed answers in a row the process is killed (SIGKILL), so that it is restarted with backoff.
 */
public record LivenessWatch(Liveness liveness, Duration interval, int failures) {

    public LivenessWatch {
        if (interval.isNegative() || interval.isZero() || failures < 1) {
            throw new IllegalArgumentException("interval must be positive and failures at least 1");
        }
    }
}
