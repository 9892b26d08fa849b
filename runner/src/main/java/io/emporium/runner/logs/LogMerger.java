package io.emporium.runner.logs;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Merges several files' lines into one stream in time order. Each file's own order is kept (a line without a time
 * carries the time of the line before it), so a stack trace stays under the line that logged it; lines with no time
 * at all sort first.
 */
public final class LogMerger {

    private LogMerger() {
    }

    public static List<LogLine> merge(List<List<LogLine>> files) {
        List<LogLine> merged = new ArrayList<>();
        merge(files.stream().map(List::iterator).toList(), merged::add);
        return merged;
    }

    /**
     * Merges lazily, holding one line per source: each line goes to {@code sink} as soon as it is the oldest of all
     * sources' next lines.
     */
    public static void merge(List<? extends Iterator<LogLine>> sources, Consumer<LogLine> sink) {
        record Cursor(LogLine line, Iterator<LogLine> rest, int source) {
            Instant time() {
                return line.time() == null ? Instant.MIN : line.time();
            }
        }
        PriorityQueue<Cursor> queue = new PriorityQueue<>(
                Comparator.comparing(Cursor::time).thenComparingInt(Cursor::source));
        for (int source = 0; source < sources.size(); source++) {
            Iterator<LogLine> lines = sources.get(source);
            if (lines.hasNext()) {
                queue.add(new Cursor(lines.next(), lines, source));
            }
        }
        while (!queue.isEmpty()) {
            Cursor cursor = queue.poll();
            sink.accept(cursor.line());
            if (cursor.rest().hasNext()) {
                queue.add(new Cursor(cursor.rest().next(), cursor.rest(), cursor.source()));
            }
        }
    }

    /** Merges, then applies the query's filters and its last-N limit. */
    public static List<LogLine> query(List<List<LogLine>> files, LogQuery query) {
        List<LogLine> selected = merge(files).stream().filter(query::matches).toList();
        if (query.last() != null && selected.size() > query.last()) {
            return selected.subList(selected.size() - query.last(), selected.size());
        }
        return selected;
    }

    /**
     * The matching lines of every source (each a list of files as {@link LogFiles#history} gives them), merged in
     * time order, to {@code sink}. With a last-N limit, each source keeps only its last N matches before merging;
     * without one, nothing is held beyond one line per source.
     */
    public static void query(Iterable<List<Path>> sources, LogQuery query, Consumer<LogLine> sink) {
        if (query.last() != null) {
            List<List<LogLine>> lines = new ArrayList<>();
            sources.forEach(files -> lines.add(LogFiles.read(files, query)));
            query(lines, query).forEach(sink);
            return;
        }
        List<LogReader> readers = new ArrayList<>();
        try {
            sources.forEach(files -> readers.add(new LogReader(files, query)));
            merge(readers, sink);
        } finally {
            readers.forEach(LogReader::close);
        }
    }
}
