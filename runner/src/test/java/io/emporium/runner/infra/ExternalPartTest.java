package io.emporium.runner.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.emporium.runner.process.PartFailure;
import io.emporium.runner.process.PartState;
import io.emporium.runner.process.Status;

/** What every external part ({@code --external}) shares: it is ready once checked, and left running at the end. */
class ExternalPartTest {

    private final PartState state = new PartState("kafka", "kafka", 0, "infra", 9092, null, () -> { });

    @Test
    void isReadyOnceCheckedAndIsLeftRunningWhenStopped() throws Exception {
        List<Status> seenWhileChecking = new ArrayList<>();
        ExternalPart part = new ExternalPart(state) {
            @Override
            void check() {
                seenWhileChecking.add(state().status());
            }
        };

        part.start();

        assertThat(seenWhileChecking).containsExactly(Status.STARTING);
        assertThat(state.snapshot().status()).isEqualTo(Status.READY);
        assertThat(state.snapshot().readyMillis()).isNotNegative();

        part.stop();

        assertThat(state.snapshot().status()).isEqualTo(Status.STOPPED);
        assertThat(state.snapshot().message()).isEqualTo("external: left running");
    }

    @Test
    void isNotReadyWhenTheCheckFails() {
        ExternalPart part = new ExternalPart(state) {
            @Override
            void check() throws PartFailure {
                throw new PartFailure("kafka", "no Kafka broker answers at 127.0.0.1:1", List.of());
            }
        };

        assertThatThrownBy(part::start).isInstanceOf(PartFailure.class);
        assertThat(state.snapshot().status()).isEqualTo(Status.STARTING);

        part.stop();

        assertThat(state.snapshot().status()).as("never ready: nothing to leave running").isEqualTo(Status.STARTING);
    }
}
