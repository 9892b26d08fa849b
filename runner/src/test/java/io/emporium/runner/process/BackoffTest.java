package io.emporium.runner.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromOneSecondAndCapsAtThirty() {
        Backoff backoff = Backoff.standard();

        assertThat(IntStream.rangeClosed(1, 8).mapToObj(backoff::delay).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void countsARunOfAMinuteAsStable() {
        Backoff backoff = Backoff.standard();

        assertThat(backoff.isStable(Duration.ofSeconds(59))).isFalse();
        assertThat(backoff.isStable(Duration.ofSeconds(60))).isTrue();
    }

    @Test
    void neverOverflowsOnLongFailureStreaks() {
        assertThat(Backoff.standard().delay(10_000)).isEqualTo(Duration.ofSeconds(30));
    }
}
