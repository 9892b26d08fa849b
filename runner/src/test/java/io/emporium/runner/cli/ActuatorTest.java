package io.emporium.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** How {@link Actuator} binds what an actuator answers, and the one line it gives when that cannot be done. */
class ActuatorTest {

    @Test
    void bindsTheChaosStateIgnoringWhatItDoesNotKnow() {
        ActuatorChaos.State state = Actuator.bind("""
                {"active":true,"latency":"PT0.5S","errorRate":0.3,"until":"2026-11-26T14:01:00Z","extra":1}""",
                ActuatorChaos.State.class, "reading fault injection", "a state that cannot be read");

        assertThat(state).isEqualTo(new ActuatorChaos.State(true, Duration.ofMillis(500), 0.3,
                Instant.parse("2026-11-26T14:01:00Z")));
    }

    @Test
    void bindsWhatIsNullOrMissingAsNothing() {
        ActuatorChaos.State off = Actuator.bind("{\"active\":false,\"latency\":null,\"errorRate\":null}",
                ActuatorChaos.State.class, "reading fault injection", "a state that cannot be read");
        ActuatorLoggers.Levels group = Actuator.bind("{\"configuredLevel\":null}", ActuatorLoggers.Levels.class,
                "reading the level", "something that is not JSON");

        assertThat(off).isEqualTo(new ActuatorChaos.State(false, null, 0, null));
        assertThat(group).isEqualTo(new ActuatorLoggers.Levels(null, null));
    }

    @Test
    void saysInOneLineWhatItWasDoingWhenTheAnswerDoesNotBind() {
        assertThatThrownBy(() -> Actuator.bind("{\"latency\":\"soon\"}", ActuatorChaos.State.class,
                "turning fault injection on", "a state that cannot be read"))
                .isInstanceOf(Actuator.CallFailed.class)
                .hasMessageStartingWith("answered with a state that cannot be read when turning fault injection on: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Actuator.bind("<html>", ActuatorLoggers.Levels.class, "reading the level",
                "something that is not JSON"))
                .isInstanceOf(Actuator.CallFailed.class)
                .hasMessageStartingWith("answered with something that is not JSON when reading the level");
    }

    @Test
    void writesChaosDurationsInSpringBootsSimpleSyntax() {
        assertThat(ActuatorChaos.format(Duration.ofSeconds(60))).isEqualTo("60s");
        assertThat(ActuatorChaos.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
