package io.emporium.system;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs after every other system test: {@code ./emporium down} stops everything and leaves no process or port. */
@Order(Integer.MAX_VALUE)
@ExtendWith(RunningSystem.class)
class DownLeavesNothingSystemTest {

    @Test
    void downLeavesNoProcessAndNoOpenPort() {
        Emporium.Result down = RunningSystem.stop();
        assertThat(down).isNotNull();
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(Emporium.leftoverProcesses()).as("processes left after down").isEmpty();
        assertThat(Emporium.listeningSystemPorts()).as("ports still listened on after down").isEmpty();
    }
}
