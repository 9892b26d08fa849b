package io.emporium.runner.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges several files' lines into one stream in time order. Each file's own order is kept (a line without a time
 * carries the time of the line before it), so a stack trace stays under the line that logged it; lines with no time
 * at all sort first.
 */
public final class LogMerger {

    private LogMerger() {
    }

    public static List<LogLine> merge(List<List<LogLine>> files) {
        record Cursor(List<LogLine> lines, int file, int index) {
            Instant time() {
                Instant time = lines.get(index).time();
                return time == null ? Instant.MIN : time;
            }
        }
        PriorityQueue<Cursor> queue = new PriorityQueue<>(
                Comparator.comparing(Cursor::time).thenComparingInt(Cursor::file));
        for (int file = 0; file < files.size(); file++) {
            if (!files.get(file).isEmpty()) {
                queue.add(new Cursor(files.get(file), file, 0));
            }
        }
        List<LogLine> merged = new ArrayList<>();
        while (!queue.isEmpty()) {
            Cursor cursor = queue.poll();
            merged.add(cursor.lines().get(cursor.index()));
            if (cursor.index() + 1 < cursor.lines().size()) {
                queue.add(new Cursor(cursor.lines(), cursor.file(), cursor.index() + 1));
            }
        }
        return merged;
    }

    /** Merges, then applies the query's filters and its last-N limit. */
    public static List<LogLine> query(List<List<LogLine>> files, LogQuery query) {
        List<LogLine> selected = merge(files).stream().filter(query::matches).toList();
        if (query.last() != null && selected.size() > query.last()) {
            return selected.subList(selected.size() - query.last(), selected.size());
        }
        return selected;
    }
}
