package io.emporium.runner.process;

import java.time.Duration;

/**
 * Exponential restart delays: {@code initial}, twice that, and so on, capped at {@code max}. A process that stayed up
 * at least {@code stableAfter} before exiting starts again from {@code initial}.
 */
public record Backoff(Duration initial, Duration max, Duration stableAfter) {

    /** 1 s, 2 s, 4 s ... capped at 30 s; reset after a minute of running. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    /** @param failure 1 for the first exit in a row, 2 for the second... */
    public Duration delay(int failure) {
        if (failure < 1) {
            throw new IllegalArgumentException("failure counts from 1, was " + failure);
        }
        Duration delay = initial;
        for (int i = 1; i < failure && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Whether a run this long counts as healthy, so the next failure is counted as the first again. */
    public boolean isStable(Duration ranFor) {
        return ranFor.compareTo(stableAfter) >= 0;
    }
}
