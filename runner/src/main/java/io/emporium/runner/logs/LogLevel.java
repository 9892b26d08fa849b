package io.emporium.runner.logs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How severe a log line is, least to most severe. The names that the parts write map onto these: Logback's and
 * Log4j's as they are, {@code WARNING} (the JVM, PostgreSQL) is {@code WARN}, {@code FATAL}, {@code PANIC} and
 * {@code SEVERE} are {@code ERROR}, PostgreSQL's {@code LOG} and {@code NOTICE} are {@code INFO}.
 */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR;

    /** The level a written name stands for, case-insensitive; empty for a word that is no level. */
    public static Optional<LogLevel> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.strip().toUpperCase(Locale.ROOT)) {
            case "TRACE", "FINEST" -> Optional.of(TRACE);
            case "DEBUG", "DEBUG1", "DEBUG2", "DEBUG3", "DEBUG4", "DEBUG5", "FINE", "FINER" -> Optional.of(DEBUG);
            case "INFO", "LOG", "NOTICE" -> Optional.of(INFO);
            case "WARN", "WARNING" -> Optional.of(WARN);
            case "ERROR", "FATAL", "PANIC", "SEVERE" -> Optional.of(ERROR);
            default -> Optional.empty();
        };
    }

    /**
     * A level given on the command line.
     *
     * @throws IllegalArgumentException naming the levels there are
     */
    public static LogLevel parse(String text) {
        return of(text).orElseThrow(() -> new IllegalArgumentException("not a log level: '" + text + "' (one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ")"));
    }

    /** Whether this level is {@code minimum} or more severe. */
    public boolean isAtLeast(LogLevel minimum) {
        return compareTo(minimum) >= 0;
    }
}
