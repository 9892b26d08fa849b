package io.emporium.platform.test.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock in UTC that stands still until a test moves it: {@link #advance} or {@link #set}. Thread-safe. */
public final class TestClock extends Clock {

    private volatile Instant now;

    private TestClock(Instant start) {
        this.now = start;
    }

    /** A clock showing {@code start} (e.g. {@code Instant.parse("2026-01-01T10:00:00Z")}). */
    public static TestClock at(String start) {
        return new TestClock(Instant.parse(start));
    }

    /** Moves the clock forward (or back, for a negative amount). */
    public synchronized void advance(Duration amount) {
        now = now.plus(amount);
    }

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneOffset getZone() {
        return ZoneOffset.UTC;
    }

    /** Always this clock: a test that moves it moves what every user of it sees. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
