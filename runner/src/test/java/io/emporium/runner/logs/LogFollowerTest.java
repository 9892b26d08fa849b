package io.emporium.runner.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
