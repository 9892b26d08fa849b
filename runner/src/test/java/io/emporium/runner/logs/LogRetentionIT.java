package io.emporium.runner.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.process.ProcessSpec;
import io.emporium.runner.topology.LogsSpec;

/**
 * Rotation under a real writer: a child process started the way the supervisor starts every part (through
 * {@link ProcessSpec}, output appended to its log file) writes numbered JSON lines without pause while its log is
 * rotated underneath it.
 */
class LogRetentionIT {

    private static final long LIMIT = 16 * 1024;
    private static final Pattern NUMBER = Pattern.compile("\"message\":\"line (\\d+)\"");
    /** About 300 lines a second, each one write(2) of a whole line. */
    private static final String WRITER = """
            i=0
            while :; do
              i=$((i+1))
              echo "{\\"@timestamp\\":\\"2026-01-01T10:00:00Z\\",\\"log\\":{\\"level\\":\\"INFO\\"},\\"message\\":\\"line $i\\"}"
              sleep 0.002
            done
            """;

    @TempDir
    Path logs;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ByteArrayOutputStream events = new ByteArrayOutputStream();
    private Process writer;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        if (writer != null) {
            writer.descendants().forEach(ProcessHandle::destroyForcibly);
            writer.destroyForcibly();
        }
    }

    @Test
    void theLiveFileShrinksAtRotationAndTheProcessKeepsWritingToIt() throws Exception {
        Path live = logs.resolve("writer-1.jsonl");
        writer = new ProcessSpec(List.of("sh", "-c", WRITER), Map.of(), logs, live).launch();
        LogRetention retention = new LogRetention(logs, new LogsSpec(LIMIT, 64L << 20, Duration.ofDays(7)),
                new RunnerLog(new PrintStream(events, true, StandardCharsets.UTF_8)));

        await().atMost(Duration.ofSeconds(60)).until(() -> Files.size(live) > LIMIT);
        long before = Files.size(live);
        assertThat(retention.enforce().rotated()).hasSize(1);
        long after = Files.size(live);
        assertThat(after).isLessThan(before).isLessThan(LIMIT);

        // the writer's descriptor appends: it goes on at the new end, from the start, not at its old offset
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.size(live) > after + 1024);
        byte[] restarted = Files.readAllBytes(live);
        assertThat(restarted[0]).isEqualTo((byte) '{');
        assertThat(new String(restarted, StandardCharsets.ISO_8859_1)).doesNotContain("\0");

        // then on its schedule, as the supervisor runs it
        retention.schedule(scheduler, Duration.ofMillis(100));
        await().atMost(Duration.ofSeconds(60)).until(() -> LogFiles.rotated(logs).size() >= 4);
        scheduler.shutdownNow();
        writer.descendants().forEach(ProcessHandle::destroyForcibly);
        writer.destroyForcibly().waitFor();

        List<Path> files = LogFiles.history(logs, LogQuery.all()).get("writer-1");
        int rotations = files.size() - 1;
        assertThat(LogFiles.rotated(logs)).allSatisfy(copy -> assertThat(Files.size(copy)).isLessThan(LIMIT * 4));
        List<Integer> numbers = LogFiles.read(files, LogQuery.all()).stream().map(line -> {
            Matcher matcher = NUMBER.matcher(line.raw());
            assertThat(matcher.find()).as("a whole line: %s", line.raw()).isTrue();
            return Integer.parseInt(matcher.group(1));
        }).toList();
        assertThat(numbers.getFirst()).isEqualTo(1);
        assertThat(numbers).isSorted().doesNotHaveDuplicates();
        // copytruncate may lose what is written in the instant between the copy and the truncation: rarely a line
        int lost = numbers.getLast() - numbers.size();
        assertThat(lost).as("lines lost in %d rotations", rotations).isLessThanOrEqualTo(rotations);
    }
}
