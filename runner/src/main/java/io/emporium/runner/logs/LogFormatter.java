package io.emporium.runner.logs;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One readable line per event: {@code 06:11:00.123 catalog-1   INFO  o.s.b.SpringApplication  Started... [trace ab12]}.
 * Lines that are not JSON are printed as written, after the source they came from.
 */
public final class LogFormatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private LogFormatter() {
    }

    public static String format(LogLine line) {
        if (!line.json()) {
            return String.format("%-13s| %s", line.source(), line.raw());
        }
        StringBuilder text = new StringBuilder();
        text.append(line.time() == null ? "--:--:--.---" : TIME.format(line.time())).append(' ');
        text.append(String.format("%-12s %-5s %s  ", line.source(), nullToEmpty(line.level()), shortLogger(line.logger())));
        text.append(nullToEmpty(line.message()));
        if (line.traceId() != null) {
            text.append("  [trace ").append(line.traceId()).append(']');
        }
        return text.toString();
    }

    /** {@code org.springframework.boot.SpringApplication} becomes {@code o.s.b.SpringApplication}. */
    static String shortLogger(String logger) {
        if (logger == null) {
            return "-";
        }
        String[] parts = logger.split("\\.");
        StringBuilder shortened = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            shortened.append(parts[i].isEmpty() ? "" : parts[i].substring(0, 1)).append('.');
        }
        return shortened.append(parts[parts.length - 1]).toString();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
