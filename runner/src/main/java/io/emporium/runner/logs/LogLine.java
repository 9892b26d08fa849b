package io.emporium.runner.logs;

import java.time.Instant;

/**
 * One line of a log file, parsed as far as it goes.
 *
 * @param source  the file it came from, without extension, e.g. {@code catalog-1} or {@code kafka}
 * @param time    its timestamp: the line's own, or for a line without one the last timestamp seen before it in the
 *                same file; {@code null} when neither exists
 * @param json    whether the line is a JSON object (then logger, message and traceId are filled when present)
 * @param level   its level as written ({@code WARN}); for a plain line, the {@link LogLevel} named near its start
 *                ({@code WARNING:} is {@code WARN}); for a line without one (a stack trace's lines, a continued
 *                message), the level of the line before it in the same file; {@code null} when neither exists
 * @param traceId the {@code trace.id} (or {@code traceId}) of a JSON line, or {@code null}
 * @param raw     the line as written
 */
public record LogLine(String source, Instant time, boolean json, String level, String logger, String message,
                      String traceId, String raw) {
}
