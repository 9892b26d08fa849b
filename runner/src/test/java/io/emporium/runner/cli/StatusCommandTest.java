package io.emporium.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.process.PartStatus;
import io.emporium.runner.process.Status;
import io.emporium.runner.supervision.Phase;
import io.emporium.runner.supervision.SystemState;

class StatusCommandTest {

    private static final long NOW = 1_000_000_000L;

    private final StatusCommand.Machine machine = new StatusCommand.Machine() {
        @Override
        public boolean isAlive(long pid) {
            return true;
        }

        @Override
        public OptionalLong rssKilobytes(long pid) {
            return OptionalLong.of(204_800);
        }

        @Override
        public String health(PartStatus part) {
            return "UP";
        }
    };

    @Test
    void namesLongerThanTheHeaderKeepEveryColumnInLine() {
        List<String> lines = StatusCommand.table(List.of(
                part("kafka", "kafka", 0, 4242, 9092),
                part("notifications#1", "notifications", 1, 123456, 8086),
                part("catalog#1", "catalog", 1, 77, 8081)), machine, NOW).lines();

        assertThat(lines).hasSize(4);
        int pidColumn = lines.getFirst().indexOf("PID");
        int portColumn = lines.getFirst().indexOf("PORT");
        assertThat(lines.get(1).substring(pidColumn)).startsWith("4242 ");
        assertThat(lines.get(2).substring(pidColumn)).startsWith("123456 ");
        assertThat(lines.get(3).substring(pidColumn)).startsWith("77 ");
        assertThat(lines.get(2).substring(portColumn)).startsWith("8086 ");
        assertThat(lines.get(2)).startsWith("notifications#1  123456").contains("UP", "1m40s", "200 MB", "ready");
    }

    @Test
    void showsDashesForWhatAPartWithoutProcessOrPortHasNot() {
        PartStatus waiting = new PartStatus("orders#1", "orders", 1, "service", Status.WAITING, 0, 0, 0, 0, -1, 0,
                "waiting for kafka", null);

        assertThat(StatusCommand.table(List.of(waiting), machine, NOW).lines().get(1).split("\\s{2,}"))
                .containsExactly("orders#1", "-", "-", "-", "-", "0", "-", "waiting: waiting for kafka");
    }

    @Test
    void showsEachInstanceOfAScaledServiceWithItsPortPidAndRestarts() {
        PartStatus second = new PartStatus("catalog#2", "catalog", 2, "service", Status.READY, 78, 0, 8087,
                NOW - 100_000, 1_000, 2, "restarted (restart 2)", null);

        List<String> lines = StatusCommand.table(List.of(part("catalog#1", "catalog", 1, 77, 8081), second), machine,
                NOW).lines();

        assertThat(lines.get(1).split("\\s{2,}")).startsWith("catalog#1", "77", "8081", "UP", "1m40s", "0");
        assertThat(lines.get(2).split("\\s{2,}")).startsWith("catalog#2", "78", "8087", "UP", "1m40s", "2")
                .endsWith("ready: restarted (restart 2)");
    }

    @Test
    void aReadySystemWithAPartBeingRestartedReadsAsDegradedNotReady() {
        PartStatus restarting = new PartStatus("postgres", "postgres", 0, "infra", Status.RESTARTING, 4242, 0, 5433,
                NOW - 100_000, 1_000, 1, "exited with code 137; restarting in 1.0s", null);
        SystemState system = new SystemState(7, 0, NOW - 300_000, Phase.READY, null,
                List.of(restarting, part("catalog#1", "catalog", 1, 77, 8081)));

        assertThat(StatusCommand.header(system, NOW)).isEqualTo("Emporium degraded: postgres restarting "
                + "(supervisor pid 7, up 5m00s)");
        assertThat(StatusCommand.header(new SystemState(7, 0, NOW - 300_000, Phase.READY, null,
                List.of(part("catalog#1", "catalog", 1, 77, 8081))), NOW)).startsWith("Emporium ready (");
    }

    @Test
    void afterAFailedStartShowsWhichPartFailedWhyWithItsLogAndExits1(@TempDir Path home) throws Exception {
        try (CommandHarness emporium = CommandHarness.start(home, "services: {}\n")) {
            PartStatus postgres = new PartStatus("postgres", "postgres", 0, "infra", Status.FAILED, 0, 0, 5433, 0, -1,
                    0, "the runner failed while starting it: java.lang.OutOfMemoryError: Java heap space",
                    "var/logs/postgres.log");
            emporium.writeFailedState(new SystemState.Failure("postgres",
                    "the runner failed while starting it: java.lang.OutOfMemoryError: Java heap space",
                    List.of("java.lang.OutOfMemoryError: Java heap space", "    at Unpack.run(Unpack.java:1)")),
                    postgres);
            emporium.stopSupervisor();

            assertThat(emporium.run("status")).isEqualTo(1);

            assertThat(emporium.out()).startsWith("Emporium is not running: its last start failed.")
                    .contains("postgres failed: the runner failed while starting it: java.lang.OutOfMemoryError: "
                            + "Java heap space")
                    .contains("--- last 2 lines of var/logs/postgres.log ---", "    at Unpack.run(Unpack.java:1)")
                    .containsPattern("postgres +- +5433 .* failed: the runner failed");
        }
    }

    private static PartStatus part(String id, String name, int instance, long pid, int port) {
        return new PartStatus(id, name, instance, instance == 0 ? "infra" : "service", Status.READY, pid, 0, port,
                NOW - 100_000, 1_000, 0, null, null);
    }
}
