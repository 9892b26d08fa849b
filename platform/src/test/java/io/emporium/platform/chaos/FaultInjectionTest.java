package io.emporium.platform.chaos;

import java.time.Duration;

import io.emporium.platform.test.time.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectionTest {

    private final TestClock clock = TestClock.at("2026-11-26T14:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void switchesItselfOffAtUntil() {
        FaultInjection faults = new FaultInjection(meters, clock, () -> 0.5);
        FaultInjection.State on = faults.activate(Duration.ofSeconds(2), 0.6, Duration.ofSeconds(60));
        assertThat(on).isEqualTo(new FaultInjection.State(true, "PT2S", 0.6, "2026-11-26T14:01:00Z"));
        assertThat(faults.nextFault()).isEqualTo(new FaultInjection.Fault(Duration.ofSeconds(2), true));

        clock.advance(Duration.ofSeconds(60));

        assertThat(faults.nextFault()).isEqualTo(new FaultInjection.Fault(Duration.ZERO, false));
        assertThat(faults.state()).isEqualTo(new FaultInjection.State(false, null, 0, null));
        assertThat(meters.counter("emporium.chaos.injected", "kind", "error").count()).isEqualTo(1);
        assertThat(meters.counter("emporium.chaos.injected", "kind", "latency").count()).isEqualTo(1);
    }

    @Test
    void failsARequestWithTheErrorRatesProbability() {
        FaultInjection faults = new FaultInjection(meters, clock, () -> 0.3);
        faults.activate(null, 0.3, null);
        assertThat(faults.nextFault().error()).isFalse();
        faults.activate(null, 0.31, null);
        assertThat(faults.nextFault().error()).isTrue();
        assertThat(faults.state().until()).isNull();
    }

    @Test
    void refusesAnErrorRateOutsideZeroToOneAndNonPositiveDurations() {
        FaultInjection faults = new FaultInjection(meters, clock, () -> 0.5);
        assertThatThrownBy(() -> faults.activate(null, 1.01, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.activate(null, Double.NaN, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.activate(null, 0.5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(faults.state().active()).isFalse();
    }
}
