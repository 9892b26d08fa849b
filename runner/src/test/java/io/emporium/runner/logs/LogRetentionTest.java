package io.emporium.runner.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.topology.LogsSpec;

class LogRetentionTest {

    private static final Instant NOW = Instant.parse("2026-01-10T10:00:00Z");

    @TempDir
    Path logs;

    private final ByteArrayOutputStream events = new ByteArrayOutputStream();
    private final RunnerLog log = new RunnerLog(new PrintStream(events, true, StandardCharsets.UTF_8));
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private LogRetention retention(long maxFileSize, long maxTotalSize, Duration maxAge) {
        return new LogRetention(logs, new LogsSpec(maxFileSize, maxTotalSize, maxAge), log, clock);
    }

    private static String line(int number) {
        return "{\"@timestamp\":\"2026-01-10T09:00:00Z\",\"log\":{\"level\":\"INFO\",\"logger\":\"io.emporium.Demo\"},"
                + "\"message\":\"line " + number + "\"}\n";
    }

    private static void append(Path file, int from, int to) throws Exception {
        StringBuilder text = new StringBuilder();
        IntStream.rangeClosed(from, to).forEach(number -> text.append(line(number)));
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private List<String> messagesOf(String source) {
        return LogFiles.read(LogFiles.history(logs, LogQuery.all()).get(source), LogQuery.all()).stream()
                .map(LogLine::message).toList();
    }

    private List<String> fileNames() throws Exception {
        try (Stream<Path> files = Files.list(logs)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void rotatesALiveLogOverTheSizeLimitIntoAStampedCopyWithoutLosingALine() throws Exception {
        Path orders = logs.resolve("orders-1.jsonl");
        append(orders, 1, 50);
        byte[] before = Files.readAllBytes(orders);

        LogRetention.Result result = retention(1024, 1 << 20, Duration.ofDays(7)).enforce();

        Path copy = logs.resolve("orders-1.20260110-100000.jsonl");
        assertThat(result.rotated()).containsExactly(copy);
        assertThat(result.deleted()).isEmpty();
        assertThat(Files.readAllBytes(copy)).isEqualTo(before);
        assertThat(orders).exists().isEmptyFile();
        assertThat(events.toString()).contains("\"event.action\":\"logs.rotated\"",
                "rotated orders-1.jsonl (" + before.length / 1024 + ".", " KB) to orders-1.20260110-100000.jsonl");

        append(orders, 51, 53);

        assertThat(messagesOf("orders-1")).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 53).mapToObj(number -> "line " + number).toList());
        assertThat(LogFiles.list(logs, LogQuery.all())).containsExactly(orders);
    }

    @Test
    void leavesLogsWithinTheLimitAsTheyAre() throws Exception {
        Path orders = logs.resolve("orders-1.jsonl");
        append(orders, 1, 10);
        long size = Files.size(orders);

        LogRetention.Result result = retention(size, 1 << 20, Duration.ofDays(7)).enforce();

        assertThat(result.rotated()).isEmpty();
        assertThat(fileNames()).containsExactly("orders-1.jsonl");
        assertThat(orders).hasSize(size);
    }

    @Test
    void rotatesTheRunnersAndTheInfrastructuresLogsToo() throws Exception {
        append(logs.resolve("runner.jsonl"), 1, 20);
        Files.writeString(logs.resolve("kafka.log"), "2026-01-10T09:00:00Z INFO  started\n".repeat(100));
        Files.writeString(logs.resolve("notes.txt"), "x".repeat(5000));

        retention(1024, 1 << 20, Duration.ofDays(7)).enforce();

        assertThat(fileNames()).containsExactly("kafka.20260110-100000.log", "kafka.log", "notes.txt",
                "runner.20260110-100000.jsonl", "runner.jsonl");
        assertThat(LogFiles.history(logs, LogQuery.all()).keySet()).containsExactly("kafka", "runner");
    }

    @Test
    void aSecondRotationWithinTheSameSecondIsNumberedAndReadAfterTheFirst() throws Exception {
        Path orders = logs.resolve("orders-1.jsonl");
        LogRetention retention = retention(1024, 1 << 20, Duration.ofDays(7));
        append(orders, 1, 20);
        retention.enforce();
        append(orders, 21, 40);
        retention.enforce();
        append(orders, 41, 42);

        assertThat(fileNames()).containsExactly("orders-1.20260110-100000-1.jsonl", "orders-1.20260110-100000.jsonl",
                "orders-1.jsonl");
        assertThat(LogFiles.history(logs, LogQuery.all()).get("orders-1")).extracting(file -> file.getFileName().toString())
                .containsExactly("orders-1.20260110-100000.jsonl", "orders-1.20260110-100000-1.jsonl", "orders-1.jsonl");
        assertThat(messagesOf("orders-1")).hasSize(42).startsWith("line 1").endsWith("line 41", "line 42");
    }

    @Test
    void deletesTheOldestRotatedFilesWhileAllTogetherTakeMoreThanTheTotalAndNeverALiveOne() throws Exception {
        Files.writeString(logs.resolve("orders-1.20260105-080000.jsonl"), "o".repeat(400));
        Files.writeString(logs.resolve("payments-1.20260104-080000.jsonl"), "p".repeat(400));
        Files.writeString(logs.resolve("orders-1.20260109-080000.jsonl"), "o".repeat(400));
        Files.writeString(logs.resolve("kafka.20260106-080000.log"), "k".repeat(400));
        for (String live : List.of("orders-1.jsonl", "payments-1.jsonl", "kafka.log", "runner.jsonl")) {
            Path file = logs.resolve(live);
            Files.writeString(file, "l".repeat(900));
            Files.setLastModifiedTime(file, FileTime.from(NOW.minus(Duration.ofDays(400))));
        }

        LogRetention.Result result = retention(1024, 1024, Duration.ofDays(30)).enforce();

        assertThat(result.rotated()).isEmpty();
        assertThat(result.deleted()).containsExactly(logs.resolve("payments-1.20260104-080000.jsonl"),
                logs.resolve("orders-1.20260105-080000.jsonl"));
        assertThat(fileNames()).containsExactly("kafka.20260106-080000.log", "kafka.log",
                "orders-1.20260109-080000.jsonl", "orders-1.jsonl", "payments-1.jsonl", "runner.jsonl");
        assertThat(events.toString()).contains("\"event.action\":\"logs.deleted\"",
                "deleted payments-1.20260104-080000.jsonl (400 bytes): rotated logs over 1.0 KB");
    }

    @Test
    void deletesRotatedFilesOlderThanTheMaximumAgeAndNeverALiveOne() throws Exception {
        Files.writeString(logs.resolve("orders-1.20260101-000000.jsonl"), line(1));
        Files.writeString(logs.resolve("orders-1.20260103-095959.jsonl"), line(2));
        Files.writeString(logs.resolve("orders-1.20260103-100001.jsonl"), line(3));
        Path live = logs.resolve("orders-1.jsonl");
        Files.writeString(live, line(4));
        Files.setLastModifiedTime(live, FileTime.from(NOW.minus(Duration.ofDays(100))));

        LogRetention.Result result = retention(1 << 20, 1 << 30, Duration.ofDays(7)).enforce();

        assertThat(result.deleted()).extracting(file -> file.getFileName().toString())
                .containsExactly("orders-1.20260101-000000.jsonl", "orders-1.20260103-095959.jsonl");
        assertThat(fileNames()).containsExactly("orders-1.20260103-100001.jsonl", "orders-1.jsonl");
        assertThat(events.toString()).contains("rotated more than 7d ago");

        now = NOW.plusSeconds(2);
        assertThat(retention(1 << 20, 1 << 30, Duration.ofDays(7)).enforce().deleted()).hasSize(1);
        assertThat(fileNames()).containsExactly("orders-1.jsonl");
    }

    @Test
    void runsOnItsScheduleUntilCancelled() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            Path orders = logs.resolve("orders-1.jsonl");
            ScheduledFuture<?> task = retention(1024, 1 << 20, Duration.ofDays(7))
                    .schedule(scheduler, Duration.ofMillis(50));
            append(orders, 1, 50);

            await().atMost(Duration.ofSeconds(10)).until(() -> Files.size(orders) == 0);
            assertThat(LogFiles.rotated(logs)).hasSize(1);

            task.cancel(false);
            append(orders, 51, 100);
            assertThat(task.isCancelled()).isTrue();
            assertThat(messagesOf("orders-1")).hasSize(100);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
