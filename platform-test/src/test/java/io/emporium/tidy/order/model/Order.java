package io.emporium.tidy.order.model;

import java.time.Clock;

import io.emporium.platform.test.time.TestClock;

/** Plain Java; uses a platform type that is itself plain Java. */
public record Order(String id) {

    /** Reached from another service, which it must not be. */
    public record Line(String sku) {
    }

    static Clock clock() {
        return TestClock.at("2026-01-01T00:00:00Z");
    }
}
