package io.emporium.runner.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.TestPorts;
import io.emporium.runner.logs.RunnerLog;

/** A real child process (a one-file Java program run by the source launcher) is killed and comes back. */
class SupervisionIT {

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ByteArrayOutputStream events = new ByteArrayOutputStream();
    private ProcessPart part;

    @AfterEach
    void stopEverything() {
        if (part != null) {
            part.stop();
        }
        scheduler.shutdownNow();
    }

    @Test
    void restartsAKilledProcessWithGrowingBackoffAndStopsForGood() throws Exception {
        Path logFile = dir.resolve("fake-1.jsonl");
        PartState state = new PartState("fake#1", "fake", 1, "service", 0, "fake-1.jsonl", () -> { });
        ProcessSpec spec = FakeService.spec(dir, logFile);
        part = new ProcessPart(state, List.of(), preparation -> spec,
                () -> FakeService.announcedCurrentPid(state, logFile),
                Duration.ofSeconds(60), Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(1)),
                scheduler, new RunnerLog(new PrintStream(events, true, StandardCharsets.UTF_8)), logFile);

        part.start();
        long first = state.snapshot().pid();
        assertThat(state.snapshot().status()).isEqualTo(Status.READY);
        assertThat(ProcessHandle.of(first)).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            PartStatus status = state.snapshot();
            assertThat(status.restarts()).isEqualTo(1);
            assertThat(status.status()).isEqualTo(Status.READY);
            assertThat(status.pid()).isNotEqualTo(first);
        });
        long second = state.snapshot().pid();
        assertThat(eventLog()).contains("\"event.action\":\"part.exited\"", "restarting in 0.2s",
                "\"event.action\":\"part.restarted\"", "\"emporium.restarts\":1");

        ProcessHandle.of(second).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(state.snapshot().restarts()).isEqualTo(2);
            assertThat(state.snapshot().status()).isEqualTo(Status.READY);
        });
        assertThat(eventLog()).contains("restarting in 0.4s");
        long third = state.snapshot().pid();

        part.stop();

        assertThat(ProcessHandle.of(third).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(state.snapshot().status()).isEqualTo(Status.STOPPED);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> state.snapshot().restarts() == 2 && state.snapshot().pid() == third);
    }

    @Test
    void reportsAProcessThatExitsBeforeItIsReady() throws Exception {
        Path logFile = dir.resolve("broken-1.jsonl");
        PartState state = new PartState("broken#1", "broken", 1, "service", 0, "broken-1.jsonl", () -> { });
        ProcessSpec spec = new ProcessSpec(List.of(TestPorts.java(), "-version"), Map.of(), dir, logFile);
        part = new ProcessPart(state, List.of(), preparation -> spec, () -> false, Duration.ofSeconds(60),
                Duration.ofSeconds(5), Backoff.standard(), scheduler,
                new RunnerLog(new PrintStream(events, true, StandardCharsets.UTF_8)), logFile);

        PartFailure failure = org.junit.jupiter.api.Assertions.assertThrows(PartFailure.class, part::start);

        assertThat(failure.getMessage()).isEqualTo("exited with code 0 before it was ready");
        assertThat(failure.logTail()).anyMatch(line -> line.contains("version"));
    }

    @Test
    void givesUpOnAProcessThatNeverBecomesReadyAndStopsIt() throws Exception {
        Path logFile = dir.resolve("slow-1.jsonl");
        PartState state = new PartState("slow#1", "slow", 1, "service", 0, "slow-1.jsonl", () -> { });
        ProcessSpec spec = FakeService.spec(dir, logFile);
        part = new ProcessPart(state, List.of(), preparation -> spec, () -> false, Duration.ofSeconds(3),
                Duration.ofSeconds(5), Backoff.standard(), scheduler,
                new RunnerLog(new PrintStream(events, true, StandardCharsets.UTF_8)), logFile);

        PartFailure failure = org.junit.jupiter.api.Assertions.assertThrows(PartFailure.class, part::start);

        assertThat(failure.getMessage()).startsWith("not ready within 3 s");
        long pid = state.snapshot().pid();
        assertThat(pid).isPositive();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void refusesAPortThatIsTaken() throws Exception {
        try (var listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();
            PartState state = new PartState("web#1", "web", 1, "service", port, null, () -> { });
            part = new ProcessPart(state, List.of(port), preparation -> {
                throw new AssertionError("must not prepare");
            }, () -> true, Duration.ofSeconds(1), Duration.ofSeconds(1), Backoff.standard(), scheduler,
                    new RunnerLog(new PrintStream(events, true, StandardCharsets.UTF_8)), dir.resolve("web.log"));

            PartFailure failure = org.junit.jupiter.api.Assertions.assertThrows(PartFailure.class, part::start);

            assertThat(failure.getMessage()).isEqualTo("port " + port + " is already in use (needed by web#1)");
        }
    }

    private String eventLog() {
        return events.toString(StandardCharsets.UTF_8);
    }
}
