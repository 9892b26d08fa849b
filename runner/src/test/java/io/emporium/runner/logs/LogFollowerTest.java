package io.emporium.runner.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.topology.LogsSpec;

class LogFollowerTest {

    @TempDir
    Path logs;

    @Test
    void returnsOnlyCompleteLinesWrittenSinceThePreviousPoll() throws Exception {
        Path catalog = logs.resolve("catalog-1.jsonl");
        Files.writeString(catalog, "old line\n");
        LogFollower follower = new LogFollower(logs, LogQuery.all(), true);

        Files.writeString(catalog, "new line\npartial", StandardOpenOption.APPEND);
        Files.writeString(logs.resolve("kafka.log"), "kafka appeared\n");

        assertThat(follower.poll()).extracting(LogLine::raw).containsExactlyInAnyOrder("new line", "kafka appeared");

        Files.writeString(catalog, " line completed\n", StandardOpenOption.APPEND);

        assertThat(follower.poll()).extracting(LogLine::raw).containsExactly("partial line completed");
        assertThat(follower.poll()).isEmpty();
    }

    @Test
    void readsATruncatedFileAgainFromItsStart() throws Exception {
        Path zipkin = logs.resolve("zipkin.log");
        Files.writeString(zipkin, "one\ntwo\n");
        LogFollower follower = new LogFollower(logs, LogQuery.all(), false);
        assertThat(follower.poll()).extracting(LogLine::raw).containsExactly("one", "two");

        Files.writeString(zipkin, "3\n");

        assertThat(follower.poll()).extracting(LogLine::raw).containsExactly("3");
    }

    @Test
    void tailGivesTheLastLines() throws Exception {
        Path file = logs.resolve("x.log");
        Files.writeString(file, "a\nb\nc\nd\n");

        assertThat(LogFiles.tail(file, 2)).containsExactly("c", "d");
        assertThat(LogFiles.tail(logs.resolve("missing.log"), 2)).isEmpty();
    }

    @Test
    void followsALogThroughItsRotationWithoutLosingOrRepeatingALine() throws Exception {
        Path orders = logs.resolve("orders-1.jsonl");
        Files.writeString(orders, "one\ntwo\n");
        LogFollower follower = new LogFollower(logs, LogQuery.all(), false);
        assertThat(follower.poll()).extracting(LogLine::raw).containsExactly("one", "two");

        // written after that poll, then rotated away before the next one; then the service goes on writing
        Files.writeString(orders, "three\nfour\n", StandardOpenOption.APPEND);
        new LogRetention(logs, new LogsSpec(8, 1 << 20, Duration.ofDays(1)),
                new RunnerLog(new PrintStream(OutputStream.nullOutputStream()))).enforce();
        Files.writeString(orders, "five\n", StandardOpenOption.APPEND);

        assertThat(LogFiles.rotated(logs)).hasSize(1);
        assertThat(follower.poll()).extracting(LogLine::raw).containsExactly("three", "four", "five");
        assertThat(follower.poll()).isEmpty();
    }
}
