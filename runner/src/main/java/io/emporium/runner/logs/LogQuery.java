package io.emporium.runner.logs;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What to show of the logs. Every filter that is set must match; {@code last} applies to what they leave.
 *
 * @param services names to keep ({@code catalog} keeps every instance, {@code catalog-1} or {@code catalog#1} one);
 *                 empty keeps all
 * @param grep     case-insensitive text the raw line must contain, or {@code null}
 * @param since    oldest time to keep, or {@code null}; lines without a known time are dropped when it is set
 * @param last     keep only the last N lines of the merged result, or {@code null} for all
 * @param traceId  keep only the lines of this trace (their {@code trace.id}, case-insensitive), or {@code null};
 *                 lines without a trace id are dropped when it is set
 * @param level    keep only lines of this level or more severe, or {@code null}; lines of no known level are dropped
 *                 when it is set (a stack trace's lines have the level of the line that logged it)
 */
public record LogQuery(List<String> services, String grep, Instant since, Integer last, String traceId,
                       LogLevel level) {

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{1,64}");

    public LogQuery {
        services = services == null ? List.of() : List.copyOf(services);
        if (traceId != null) {
            if (!TRACE_ID.matcher(traceId).matches()) {
                throw new IllegalArgumentException("not a trace id: '" + traceId + "' (hexadecimal, such as "
                        + "6b08173e682c7730e8f837598aa597a3)");
            }
            traceId = traceId.toLowerCase(Locale.ROOT);
        }
        if (last != null && last < 0) {
            throw new IllegalArgumentException("the number of lines must not be negative, was " + last);
        }
    }

    /** The query without trace and level filters. */
    public LogQuery(List<String> services, String grep, Instant since, Integer last) {
        this(services, grep, since, last, null, null);
    }

    public static LogQuery all() {
        return new LogQuery(List.of(), null, null, null);
    }

    public LogQuery withTraceId(String traceId) {
        return new LogQuery(services, grep, since, last, traceId, level);
    }

    public LogQuery withLevel(LogLevel level) {
        return new LogQuery(services, grep, since, last, traceId, level);
    }

    /** The same filters without the last-N limit (for following). */
    public LogQuery withoutLast() {
        return new LogQuery(services, grep, since, null, traceId, level);
    }

    /** Whether a file with this source name (file name without extension) belongs to the selected services. */
    public boolean includesSource(String source) {
        if (services.isEmpty()) {
            return true;
        }
        for (String service : services) {
            String wanted = service.replace('#', '-');
            if (source.equals(wanted) || source.matches(Pattern.quote(wanted) + "-\\d+")) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(LogLine line) {
        if (traceId != null && (line.traceId() == null || !line.traceId().equalsIgnoreCase(traceId))) {
            return false;
        }
        if (level != null && !LogLevel.of(line.level()).map(known -> known.isAtLeast(level)).orElse(false)) {
            return false;
        }
        if (grep != null && !line.raw().toLowerCase(Locale.ROOT).contains(grep.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return since == null || (line.time() != null && !line.time().isBefore(since));
    }

    /**
     * Whether a line as written may match, judged without parsing it: false only when it cannot. Lets a reader skip
     * most lines cheaply when looking for one trace.
     */
    boolean mayMatch(String raw) {
        return traceId == null || raw.contains(traceId) || raw.contains(traceId.toUpperCase(Locale.ROOT));
    }
}
