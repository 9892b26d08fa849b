package io.emporium.runner.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tails the log directory: each {@link #poll()} returns the complete lines written since the previous one, merged in
 * time order, including files that appeared meanwhile. A file that shrank (truncated) is read again from its start.
 */
public final class LogFollower {

    private record Position(long offset, Instant lastTime) {
    }

    private final Path directory;
    private final LogQuery query;
    private final Map<Path, Position> positions = new HashMap<>();

    /** @param fromEnd whether lines already in the files are skipped (true) or returned by the first poll (false) */
    public LogFollower(Path directory, LogQuery query, boolean fromEnd) {
        this.directory = directory;
        this.query = query;
        if (fromEnd) {
            for (Path file : LogFiles.list(directory, query)) {
                positions.put(file, new Position(size(file), null));
            }
        }
    }

    public List<LogLine> poll() {
        List<List<LogLine>> batches = new ArrayList<>();
        for (Path file : LogFiles.list(directory, query)) {
            Position position = positions.getOrDefault(file, new Position(0, null));
            long size = size(file);
            if (size < position.offset()) {
                position = new Position(0, position.lastTime());
            }
            if (size == position.offset()) {
                continue;
            }
            List<String> rawLines = new ArrayList<>();
            long consumed = readCompleteLines(file, position.offset(), size, rawLines);
            List<LogLine> lines = LogFiles.parse(LogFiles.source(file), rawLines, position.lastTime());
            Instant last = lines.isEmpty() ? position.lastTime() : lines.getLast().time();
            positions.put(file, new Position(position.offset() + consumed, last));
            batches.add(lines);
        }
        return LogMerger.merge(batches).stream().filter(query::matches).toList();
    }

    private static long readCompleteLines(Path file, long from, long to, List<String> lines) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(from);
            byte[] bytes = new byte[(int) Math.min(to - from, 8 * 1024 * 1024)];
            in.readFully(bytes);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            if (end == 0) {
                return 0;
            }
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                lines.add(line);
            }
            return end;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
