package io.emporium.runner.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.emporium.runner.logs.RunnerLog;

/**
 * The liveness watchdog of a real child process (a one-file Java program run by the source launcher) whose liveness
 * endpoint, a JDK HTTP server in the test, answers 503 when told to.
 */
class LivenessWatchdogIT {

    private static final int FAILURES = 3;

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ByteArrayOutputStream events = new ByteArrayOutputStream();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger checks = new AtomicInteger();
    private HttpServer liveness;
    private boolean livenessStopped;
    private PartState state;
    private ProcessPart part;

    @BeforeEach
    void start() throws Exception {
        liveness = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        liveness.createContext("/actuator/health/liveness", exchange -> {
            try (exchange) {
                checks.incrementAndGet();
                boolean fail = failNext.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
                exchange.sendResponseHeaders(fail ? 503 : 200, -1);
            }
        });
        liveness.start();
        Path logFile = dir.resolve("fake-1.jsonl");
        state = new PartState("fake#1", "fake", 1, "service", 0, "fake-1.jsonl", () -> { });
        ProcessSpec spec = FakeService.spec(dir, logFile);
        LivenessWatch watch = new LivenessWatch(new HttpLiveness("http://127.0.0.1:" + liveness.getAddress().getPort()
                + "/actuator/health/liveness", Duration.ofSeconds(2)), Duration.ofMillis(100), FAILURES);
        part = new ProcessPart(state, List.of(), preparation -> spec, () -> FakeService.announcedCurrentPid(state, logFile),
                Duration.ofSeconds(60), Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(1)),
                scheduler, new RunnerLog(new PrintStream(events, true, StandardCharsets.UTF_8)), logFile, watch);
        part.start();
    }

    @AfterEach
    void stopEverything() {
        part.stop();
        if (!livenessStopped) {
            liveness.stop(0);
        }
        scheduler.shutdownNow();
    }

    @Test
    void killsAnInstanceThatFailsItsLivenessCheckTimesInARowAndItIsRestarted() {
        long first = state.snapshot().pid();

        failNext.set(FAILURES);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            PartStatus status = state.snapshot();
            assertThat(status.restarts()).isEqualTo(1);
            assertThat(status.status()).isEqualTo(Status.READY);
            assertThat(status.pid()).isNotEqualTo(first);
        });
        assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(eventLog()).contains("\"event.action\":\"part.unhealthy\"", "not alive: HTTP 503 from GET http://",
                "(3 checks in a row); killing pid " + first, "\"event.action\":\"part.restarted\"");
        // healthy again: checked on, never killed again
        int checked = checks.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> checks.get() >= checked + 2 * FAILURES);
        assertThat(state.snapshot().restarts()).isEqualTo(1);
    }

    @Test
    void leavesAnInstanceThatRecoversBeforeTooManyFailuresAlone() {
        long first = state.snapshot().pid();

        failNext.set(FAILURES - 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> failNext.get() == 0);
        int checked = checks.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> checks.get() >= checked + 2 * FAILURES);

        assertThat(state.snapshot().restarts()).isZero();
        assertThat(state.snapshot().pid()).isEqualTo(first);
        assertThat(eventLog()).doesNotContain("part.unhealthy");
    }

    @Test
    void countsARefusedConnectionAsAFailure() {
        long first = state.snapshot().pid();

        liveness.stop(0);
        livenessStopped = true;

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(state.snapshot().restarts()).isGreaterThanOrEqualTo(1);
            assertThat(state.snapshot().pid()).isNotEqualTo(first);
        });
        assertThat(eventLog()).contains("\"event.action\":\"part.unhealthy\"", "not alive: connection refused by GET");
    }

    private String eventLog() {
        return events.toString(StandardCharsets.UTF_8);
    }
}
