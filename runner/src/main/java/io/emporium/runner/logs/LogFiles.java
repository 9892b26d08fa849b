package io.emporium.runner.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/** Reads the log directory: one file per part, {@code .jsonl} for services and the runner, {@code .log} for infra. */
public final class LogFiles {

    private LogFiles() {
    }

    /** The log files of the selected sources, sorted by name; none when the directory does not exist. */
    public static List<Path> list(Path directory, LogQuery query) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".jsonl") || file.toString().endsWith(".log"))
                    .filter(file -> query.includesSource(source(file)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code var/logs/catalog-1.jsonl} is source {@code catalog-1}. */
    public static String source(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** Every line of the file, parsed; times carried forward within the file. */
    public static List<LogLine> read(Path file) {
        try {
            return parse(source(file), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<LogLine> parse(String source, List<String> rawLines) {
        return parse(source, rawLines, null);
    }

    static List<LogLine> parse(String source, List<String> rawLines, Instant previous) {
        List<LogLine> lines = new ArrayList<>(rawLines.size());
        Instant time = previous;
        for (String raw : rawLines) {
            if (raw.isEmpty()) {
                continue;
            }
            LogLine line = LogParser.parse(source, raw, time);
            time = line.time();
            lines.add(line);
        }
        return lines;
    }

    /** The last {@code count} lines of a file as written, for error reports; empty when the file does not exist. */
    public static List<String> tail(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - 256 * 1024);
            in.seek(start);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.readFully(bytes);
            Deque<String> last = new ArrayDeque<>();
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    last.addLast(line);
                    if (last.size() > count) {
                        last.removeFirst();
                    }
                }
            }
            return List.copyOf(last);
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}
