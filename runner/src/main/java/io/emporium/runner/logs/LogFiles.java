package io.emporium.runner.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the log directory: one live file per part ({@code .jsonl} for services and the runner, {@code .log} for
 * infrastructure), and the rotated copies that {@link LogRetention} keeps of them (see {@link LogFileName}).
 */
public final class LogFiles {

    private LogFiles() {
    }

    /** The live log files of the selected sources, sorted by name; none when the directory does not exist. */
    public static List<Path> list(Path directory, LogQuery query) {
        return names(directory).stream()
                .filter(entry -> !entry.name().isRotated() && query.includesSource(entry.name().source()))
                .map(NamedFile::file)
                .sorted()
                .toList();
    }

    /**
     * Every file of the selected sources, by source (sorted by name): its rotated files oldest first, then its live
     * file, which is what the source wrote in order.
     */
    public static Map<String, List<Path>> history(Path directory, LogQuery query) {
        Map<String, List<Path>> sources = new LinkedHashMap<>();
        names(directory).stream()
                .filter(entry -> query.includesSource(entry.name().source()))
                .sorted(Comparator.comparing((NamedFile entry) -> entry.name().source())
                        .thenComparing(NamedFile::name, LogFileName.OLDEST_FIRST))
                .forEach(entry -> sources.computeIfAbsent(entry.name().source(), key -> new ArrayList<>())
                        .add(entry.file()));
        return sources;
    }

    /** The rotated files of every source, oldest first. */
    public static List<Path> rotated(Path directory) {
        return names(directory).stream()
                .filter(entry -> entry.name().isRotated())
                .sorted(Comparator.comparing(NamedFile::name, LogFileName.OLDEST_FIRST))
                .map(NamedFile::file)
                .toList();
    }

    /** The most recently rotated file of one source, if it has any. */
    public static Optional<Path> lastRotated(Path directory, String source) {
        return names(directory).stream()
                .filter(entry -> entry.name().isRotated() && entry.name().source().equals(source))
                .max(Comparator.comparing(NamedFile::name, LogFileName.OLDEST_FIRST))
                .map(NamedFile::file);
    }

    /**
     * {@code var/logs/catalog-1.jsonl} is source {@code catalog-1}, and so is its rotated copy
     * {@code catalog-1.20261126-112600.jsonl}.
     */
    public static String source(Path file) {
        Optional<LogFileName> name = LogFileName.of(file);
        if (name.isPresent()) {
            return name.get().source();
        }
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    /** Every line of the file, parsed; times and levels carried forward within the file. */
    public static List<LogLine> read(Path file) {
        return read(List.of(file), LogQuery.all());
    }

    /**
     * The lines of one source's files (as {@link #history} lists them) that match the query, in order; only the last
     * {@link LogQuery#last()} of them when it is set, so memory stays bounded by that.
     */
    public static List<LogLine> read(List<Path> files, LogQuery query) {
        Deque<LogLine> lines = new ArrayDeque<>();
        try (LogReader reader = new LogReader(files, query)) {
            while (reader.hasNext()) {
                lines.addLast(reader.next());
                if (query.last() != null && lines.size() > query.last()) {
                    lines.removeFirst();
                }
            }
        }
        return List.copyOf(lines);
    }

    static List<LogLine> parse(String source, List<String> rawLines) {
        return parse(source, rawLines, null);
    }

    static List<LogLine> parse(String source, List<String> rawLines, LogLine previous) {
        List<LogLine> lines = new ArrayList<>(rawLines.size());
        for (String raw : rawLines) {
            if (raw.isEmpty()) {
                continue;
            }
            LogLine line = parse(source, raw, previous);
            previous = line;
            lines.add(line);
        }
        return lines;
    }

    static LogLine parse(String source, String raw, LogLine previous) {
        return LogParser.parse(source, raw, previous == null ? null : previous.time(),
                previous == null ? null : previous.level());
    }

    /** Whether a rotated file holds only lines from before {@code since} (it was rotated more than a second before). */
    static boolean endsBefore(Path file, Instant since) {
        return since != null && LogFileName.of(file).filter(LogFileName::isRotated)
                .map(name -> name.rotationInstant().plusSeconds(1).isBefore(since)).orElse(false);
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

    /** The file's size in bytes; 0 when it cannot be read (deleted meanwhile, say). */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private record NamedFile(Path file, LogFileName name) {
    }

    private static List<NamedFile> names(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.flatMap(file -> LogFileName.of(file).map(name -> new NamedFile(file, name)).stream())
                    .filter(entry -> Files.isRegularFile(entry.file()))
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
