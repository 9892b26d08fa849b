package io.emporium.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.TestPorts;
import io.emporium.runner.logs.RunnerLog;
import io.emporium.runner.process.Backoff;
import io.emporium.runner.process.PartState;
import io.emporium.runner.process.PartStatus;
import io.emporium.runner.process.ProcessPart;
import io.emporium.runner.process.ProcessSpec;
import io.emporium.runner.process.Processes;
import io.emporium.runner.process.Status;
import io.emporium.runner.supervision.Phase;
import io.emporium.runner.supervision.StateFile;
import io.emporium.runner.supervision.SystemState;

/** {@code ./emporium kill} against a state file (whose supervisor is this test) naming real child processes. */
class KillCommandTest {

    @TempDir
    Path home;

    private final List<Process> children = new ArrayList<>();
    private CommandHarness emporium;

    @BeforeEach
    void startTheFakeSystem() throws Exception {
        emporium = CommandHarness.start(home, """
                services:
                  orders:   { port: 18082, instances: 2, registers: false }
                  gateway:  { port: 18080, registers: false }
                """);
    }

    @AfterEach
    void stopTheFakeSystem() throws Exception {
        emporium.close();
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void killsTheNamedInstanceAndOnlyIt() throws Exception {
        Process first = child();
        Process second = child();
        emporium.writeState(part("orders#1", 1, first.pid()), part("orders#2", 2, second.pid()));

        int exit = emporium.run("kill", "orders#2");

        assertThat(exit).as(emporium.err()).isZero();
        assertThat(emporium.out().lines().toList()).containsExactly("killed orders#2 (pid " + second.pid()
                + ") with SIGKILL; the supervisor restarts it (see ./emporium status)");
        await().atMost(Duration.ofSeconds(10)).until(() -> !second.isAlive());
        assertThat(second.exitValue()).isEqualTo(137);
        assertThat(first.isAlive()).isTrue();
    }

    @Test
    void killsTheFirstInstanceWhenOnlyTheServiceIsNamed() throws Exception {
        Process first = child();
        Process second = child();
        emporium.writeState(part("orders#1", 1, first.pid()), part("orders#2", 2, second.pid()));

        assertThat(emporium.run("kill", "orders")).as(emporium.err()).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> !first.isAlive());
        assertThat(second.isAlive()).isTrue();
    }

    @Test
    void namesWhatItCannotKill() throws Exception {
        Process first = child();
        emporium.writeState(part("orders#1", 1, first.pid()), part("orders#2", 2, 0));

        assertThat(emporium.run("kill", "orders#3")).isEqualTo(1);
        assertThat(emporium.run("kill", "orders#2")).isEqualTo(1);
        assertThat(emporium.run("kill", "gateway")).isEqualTo(1);
        assertThat(emporium.run("kill", "ordres")).isEqualTo(2);
        assertThat(emporium.run("kill", "kafka")).isEqualTo(2);
        assertThat(emporium.run("kill", "orders#two")).isEqualTo(2);
        emporium.stopSupervisor();
        assertThat(emporium.run("kill", "orders")).isEqualTo(1);

        assertThat(emporium.err().lines().toList()).containsExactly(
                "emporium: orders#3 does not run (orders runs orders#1, orders#2)",
                "emporium: orders#2 has no running process (ready)",
                "emporium: gateway is not running (not started by ./emporium up)",
                "emporium: unknown service 'ordres' (services: orders, gateway)",
                "emporium: kafka is infrastructure, not a service (services: orders, gateway)",
                "emporium: not a service or an instance: 'orders#two' (e.g. payments, or payments#2 for its second "
                        + "instance)",
                "emporium: Emporium is not running; start it with ./emporium up");
        assertThat(first.isAlive()).isTrue();
    }

    @Test
    void aKilledInstanceIsRestartedByItsSupervisionAndCounted() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        Path logFile = home.resolve("orders-1.jsonl");
        Path program = Path.of(getClass().getResource("/fake-service/FakeService.java").toURI());
        StateFile stateFile = new StateFile(emporium.workspace().stateFile());
        PartState[] state = new PartState[1];
        state[0] = new PartState("orders#1", "orders", 1, "service", 0, null, () -> stateFile.write(
                new SystemState(ProcessHandle.current().pid(), 0, 1, Phase.READY, null, List.of(state[0].snapshot()))));
        ProcessSpec spec = new ProcessSpec(List.of(TestPorts.java(), "-Xmx32m", program.toString()), Map.of(), home,
                logFile);
        ProcessPart part = new ProcessPart(state[0], List.of(), preparation -> spec,
                () -> announced(logFile, state[0].snapshot().pid()), Duration.ofSeconds(60), Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(1)), scheduler,
                new RunnerLog(new PrintStream(new ByteArrayOutputStream())), logFile);
        try {
            part.start();
            long killed = state[0].snapshot().pid();

            assertThat(emporium.run("kill", "orders")).as(emporium.err()).isZero();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                PartStatus status = stateFile.read().orElseThrow().parts().getFirst();
                assertThat(status.restarts()).isEqualTo(1);
                assertThat(status.status()).isEqualTo(Status.READY);
                assertThat(status.pid()).isNotEqualTo(killed);
            });
            assertThat(emporium.out()).contains("killed orders#1 (pid " + killed + ")");
        } finally {
            part.stop();
            scheduler.shutdownNow();
        }
    }

    private Process child() throws IOException {
        Process process = new ProcessBuilder("sleep", "300").start();
        children.add(process);
        return process;
    }

    private static PartStatus part(String id, int instance, long pid) {
        long started = pid > 0 ? Processes.startInstant(pid).map(java.time.Instant::toEpochMilli).orElse(0L) : 0;
        return new PartStatus(id, "orders", instance, "service", Status.READY, pid, started, 18081 + instance, 1, 1,
                0, null, null);
    }

    private static boolean announced(Path logFile, long pid) {
        try {
            return Files.exists(logFile) && Files.readString(logFile).contains("fake service started, pid " + pid);
        } catch (IOException e) {
            return false;
        }
    }
}
