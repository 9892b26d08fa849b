package io.emporium.identity.throttle;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.emporium.identity.throttle.ThrottleProperties.Backoff;

/**
 * Failed attempts per key (an account, an address, or both) and the wait the last of them started, after
 * {@link Backoff}. Held in a bounded Caffeine map: at most {@code maxKeys} keys (Caffeine's admission policy keeps
 * the frequently failing ones, so a spray of fresh keys evicts fresh keys first); a key is dropped
 * {@code forgetAfter} after its last failure, but never while its wait lasts. Thread-safe: each key changes
 * atomically.
 */
final class FailureCounts {

    private record State(int failures, long waitEndsNanos) {
    }

    private final Backoff backoff;
    private final Ticker ticker;
    private final Cache<String, State> states;

    FailureCounts(Backoff backoff, Duration forgetAfter, long maxKeys, Ticker ticker) {
        this.backoff = backoff;
        this.ticker = ticker;
        this.states = Caffeine.newBuilder().maximumSize(maxKeys).ticker(ticker)
                // maintenance on the calling thread: the bound holds when a call returns
                .executor(Runnable::run)
                .expireAfter(Expiry.<String, State>writing((key, state) -> {
                    Duration waitLeft = Duration.ofNanos(Math.max(0, state.waitEndsNanos() - ticker.read()));
                    return waitLeft.compareTo(forgetAfter) > 0 ? waitLeft : forgetAfter;
                }))
                .build();
    }

    /** How long {@code key} must still wait; zero when it need not. */
    Duration remainingWait(String key) {
        State state = states.getIfPresent(key);
        if (state == null) {
            return Duration.ZERO;
        }
        long remaining = state.waitEndsNanos() - ticker.read();
        return remaining > 0 ? Duration.ofNanos(remaining) : Duration.ZERO;
    }

    /**
     * Counts one failure of {@code key}.
     *
     * @return the wait this failure started (zero while the failures are below the limit)
     */
    Duration failed(String key) {
        long now = ticker.read();
        State state = states.asMap().compute(key, (k, previous) -> {
            int failures = previous == null ? 1 : previous.failures() + 1;
            return new State(failures, now + backoff.waitAfter(failures).toNanos());
        });
        return Duration.ofNanos(Math.max(0, state.waitEndsNanos() - now));
    }

    /** Forgets the failures of {@code key}. */
    void reset(String key) {
        states.invalidate(key);
    }

    /** How many keys are held now (after pending evictions). */
    long size() {
        states.cleanUp();
        return states.estimatedSize();
    }
}
