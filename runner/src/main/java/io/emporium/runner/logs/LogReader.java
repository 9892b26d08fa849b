package io.emporium.runner.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The matching lines of one source's files, read one after the other as one stream (times and levels carry over from
 * a rotated file into the next), a line at a time, so a source's whole history never has to fit in memory. Rotated
 * files that end before the query's {@code since} are not opened; a file deleted meanwhile (by retention) is skipped.
 * Not thread-safe; close it when done early.
 */
final class LogReader implements Iterator<LogLine>, AutoCloseable {

    private final List<Path> files;
    private final LogQuery query;
    private int nextFile;
    private BufferedReader current;
    private String source;
    private LogLine previous;
    private LogLine next;

    LogReader(List<Path> files, LogQuery query) {
        this.files = List.copyOf(files);
        this.query = query;
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            String raw = readLine();
            if (raw == null) {
                return false;
            }
            if (raw.isEmpty() || !query.mayMatch(raw)) {
                continue;
            }
            LogLine line = LogFiles.parse(source, raw, previous);
            previous = line;
            if (query.matches(line)) {
                next = line;
            }
        }
        return true;
    }

    @Override
    public LogLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        LogLine line = next;
        next = null;
        return line;
    }

    /** The next raw line of the current file, moving on to the next file at the end; null after the last. */
    private String readLine() {
        try {
            while (true) {
                if (current == null && !openNext()) {
                    return null;
                }
                String raw = current.readLine();
                if (raw != null) {
                    return raw;
                }
                current.close();
                current = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean openNext() throws IOException {
        while (nextFile < files.size()) {
            Path file = files.get(nextFile++);
            if (LogFiles.endsBefore(file, query.since())) {
                continue;
            }
            try {
                // a decoder that replaces what is not UTF-8 (a line cut by a rotation, say) instead of failing
                current = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
                source = LogFiles.source(file);
                return true;
            } catch (NoSuchFileException deletedMeanwhile) {
                // removed by retention between listing and reading
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // nothing was written
            }
            current = null;
        }
        nextFile = files.size();
    }
}
