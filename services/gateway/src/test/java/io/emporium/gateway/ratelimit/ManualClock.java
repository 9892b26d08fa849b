package io.emporium.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;

/** A clock for token buckets that moves only when a test says so. */
final class ManualClock implements TimeMeter {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}
