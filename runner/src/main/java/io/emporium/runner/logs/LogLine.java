package io.emporium.runner.logs;

import java.time.Instant;

/**
 * One line of a log file, parsed as far as it goes.
 *
 * @param source  the file it came from, without extension, e.g. {@code catalog-1} or {@code kafka}
 * @param time    its timestamp: the line's own, or for a line without one the last timestamp seen before it in the
 *                same file; {@code null} when neither exists
 * @param json    whether the line is a JSON object (then level, logger, message and traceId are filled when present)
 * @param raw     the line as written
 */
public record LogLine(String source, Instant time, boolean json, String level, String logger, String message,
                      String traceId, String raw) {
}
