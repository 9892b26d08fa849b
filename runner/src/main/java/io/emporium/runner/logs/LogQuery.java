package io.emporium.runner.logs;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What to show of the logs.
 *
 * @param services names to keep ({@code catalog} keeps every instance, {@code catalog-1} or {@code catalog#1} one);
 *                 empty keeps all
 * @param grep     case-insensitive text the raw line must contain, or {@code null}
 * @param since    oldest time to keep, or {@code null}; lines without a known time are dropped when it is set
 * @param last     keep only the last N lines of the merged result, or {@code null} for all
 */
public record LogQuery(List<String> services, String grep, Instant since, Integer last) {

    public LogQuery {
        services = services == null ? List.of() : List.copyOf(services);
    }

    public static LogQuery all() {
        return new LogQuery(List.of(), null, null, null);
    }

    /** Whether a file with this source name (file name without extension) belongs to the selected services. */
    public boolean includesSource(String source) {
        if (services.isEmpty()) {
            return true;
        }
        for (String service : services) {
            String wanted = service.replace('#', '-');
            if (source.equals(wanted) || source.matches(java.util.regex.Pattern.quote(wanted) + "-\\d+")) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(LogLine line) {
        if (grep != null && !line.raw().toLowerCase(Locale.ROOT).contains(grep.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return since == null || (line.time() != null && !line.time().isBefore(since));
    }
}
