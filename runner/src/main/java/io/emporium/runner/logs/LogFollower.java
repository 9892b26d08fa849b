package io.emporium.runner.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tails the log directory: each {@link #poll()} returns the complete lines written since the previous one, merged in
 * time order, including files that appeared meanwhile. A live file that shrank was truncated: by {@link LogRetention},
 * right after copying it to a rotated file, so the lines written since the previous poll are read from the end of that
 * copy (when it is at least as long as what was read already), then the live file again from its start.
 */
public final class LogFollower {

    /**
     * How far a live file was read, when it had last been written then, and its last line (whose time and level carry
     * over to the next).
     */
    private record Position(long offset, FileTime modified, LogLine previous) {
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
                positions.put(file, new Position(LogFiles.size(file), modified(file), null));
            }
        }
    }

    public List<LogLine> poll() {
        List<List<LogLine>> batches = new ArrayList<>();
        for (Path file : LogFiles.list(directory, query)) {
            String source = LogFiles.source(file);
            Position position = positions.getOrDefault(file, new Position(0, FileTime.fromMillis(0), null));
            FileTime modified = modified(file);
            long size = LogFiles.size(file);
            List<String> rawLines = new ArrayList<>();
            if (size < position.offset()) {
                // the copy of this truncation, not an older one: written after what was read, and at least as long
                Position read = position;
                Optional<Path> copy = LogFiles.lastRotated(directory, source)
                        .filter(rotated -> modified(rotated).compareTo(read.modified()) >= 0)
                        .filter(rotated -> LogFiles.size(rotated) >= read.offset());
                if (copy.isPresent()) {
                    readCompleteLines(copy.get(), position.offset(), LogFiles.size(copy.get()), rawLines);
                }
                position = new Position(0, position.modified(), position.previous());
            }
            long consumed = size == position.offset() ? 0
                    : readCompleteLines(file, position.offset(), size, rawLines);
            if (rawLines.isEmpty()) {
                positions.put(file, position);
                continue;
            }
            List<LogLine> lines = LogFiles.parse(source, rawLines, position.previous());
            LogLine last = lines.isEmpty() ? position.previous() : lines.getLast();
            positions.put(file, new Position(position.offset() + consumed, modified, last));
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

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
