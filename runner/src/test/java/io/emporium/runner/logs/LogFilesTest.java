package io.emporium.runner.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {

    @TempDir
    Path logs;

    @Test
    void tellsLiveAndRotatedLogFilesFromOtherFiles() {
        assertThat(LogFileName.of(Path.of("catalog-1.jsonl"))).hasValue(new LogFileName("catalog-1", "jsonl", null, 0));
        assertThat(LogFileName.of(Path.of("kafka.20261126-112600-2.log"))).hasValue(
                new LogFileName("kafka", "log", LocalDateTime.parse("2026-11-26T11:26:00"), 2));
        assertThat(LogFileName.of(Path.of(".catalog-1.20261126-112600.jsonl.tmp"))).isEmpty();
        assertThat(LogFileName.of(Path.of("catalog-1.2026-11-26.jsonl"))).isEmpty();
        assertThat(LogFileName.of(Path.of("notes.txt"))).isEmpty();
        assertThat(new LogFileName("catalog-1", "jsonl", null, 0)
                .rotated(Instant.parse("2026-11-26T11:26:00.999Z"), 1).fileName())
                .isEqualTo("catalog-1.20261126-112600-1.jsonl");
        assertThat(LogFiles.source(Path.of("var/logs/catalog-1.20261126-112600.jsonl"))).isEqualTo("catalog-1");
    }

    @Test
    void historyListsEachSourcesRotatedFilesOldestFirstThenItsLiveFile() throws Exception {
        for (String name : List.of("orders-1.jsonl", "orders-1.20260102-000000.jsonl", "orders-1.20260101-235959-1.jsonl",
                "orders-1.20260101-235959.jsonl", "catalog-1.jsonl", "catalog-1.20260103-000000.jsonl", "kafka.log")) {
            Files.writeString(logs.resolve(name), "");
        }

        assertThat(LogFiles.history(logs, new LogQuery(List.of("orders", "kafka"), null, null, null)))
                .containsOnlyKeys("kafka", "orders-1")
                .hasEntrySatisfying("orders-1", files -> assertThat(files).extracting(file -> file.getFileName().toString())
                        .containsExactly("orders-1.20260101-235959.jsonl", "orders-1.20260101-235959-1.jsonl",
                                "orders-1.20260102-000000.jsonl", "orders-1.jsonl"));
        assertThat(LogFiles.list(logs, LogQuery.all())).extracting(file -> file.getFileName().toString())
                .containsExactly("catalog-1.jsonl", "kafka.log", "orders-1.jsonl");
        assertThat(LogFiles.lastRotated(logs, "orders-1")).hasValue(logs.resolve("orders-1.20260102-000000.jsonl"));
    }

    @Test
    void readingSinceATimeSkipsRotatedFilesThatEndBeforeIt() throws Exception {
        Path old = logs.resolve("orders-1.20260101-100000.jsonl");
        Path recent = logs.resolve("orders-1.20260101-120000.jsonl");
        Path live = logs.resolve("orders-1.jsonl");
        // the rotation stamp says when a file ended: a file stamped before --since is not even opened
        Files.writeString(old, "2026-01-01T11:30:00Z INFO  written after its rotation stamp: never read\n");
        Files.writeString(recent, "2026-01-01T10:59:00Z INFO  one\n2026-01-01T11:01:00Z INFO  two\n");
        Files.writeString(live, "2026-01-01T12:30:00Z INFO  three\n");

        LogQuery since = new LogQuery(List.of(), null, Instant.parse("2026-01-01T11:00:00Z"), null);

        assertThat(LogFiles.read(List.of(old, recent, live), since)).extracting(LogLine::raw)
                .containsExactly("2026-01-01T11:01:00Z INFO  two", "2026-01-01T12:30:00Z INFO  three");
    }

    @Test
    void readingKeepsOnlyTheLastMatchesWhenAskedForTheLastLines() throws Exception {
        Path live = logs.resolve("kafka.log");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            text.append("2026-01-01T10:00:00Z ").append(i % 2 == 0 ? "WARN" : "INFO").append("  event ").append(i)
                    .append('\n');
        }
        Files.writeString(live, text);

        LogQuery lastWarnings = new LogQuery(List.of(), null, null, 2).withLevel(LogLevel.WARN);

        assertThat(LogFiles.read(List.of(live), lastWarnings)).extracting(LogLine::raw)
                .containsExactly("2026-01-01T10:00:00Z WARN  event 998", "2026-01-01T10:00:00Z WARN  event 1000");
    }
}
