package io.emporium.runner.logs;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a file in {@code var/logs}: a live log that a part writes, {@code <source>.<extension>}
 * ({@code catalog-1.jsonl}, {@code runner.jsonl}, {@code kafka.log}), or a rotated copy of one,
 * {@code <source>.<yyyyMMdd-HHmmss>[-<n>].<extension>} ({@code catalog-1.20261126-112600.jsonl}), stamped with the
 * time of its rotation in UTC (like the lines' own timestamps) and numbered from 1 when one second saw several.
 *
 * @param rotatedAt when the file was rotated, UTC; {@code null} for a live file
 * @param sequence  0, or the number that tells apart several rotations within one second
 */
public record LogFileName(String source, String extension, LocalDateTime rotatedAt, int sequence) {

    /** Oldest first: by rotation time, then sequence, then source; live files (not rotated yet) last. */
    public static final Comparator<LogFileName> OLDEST_FIRST = Comparator
            .comparing(LogFileName::rotatedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(LogFileName::sequence)
            .thenComparing(LogFileName::source)
            .thenComparing(LogFileName::extension);

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern NAME =
            Pattern.compile("([^.]+)(?:\\.(\\d{8}-\\d{6})(?:-(\\d{1,6}))?)?\\.(jsonl|log)");

    /** The name of a log file, or empty for any other file ({@code .tmp}, a directory name, ...). */
    public static Optional<LogFileName> of(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        LocalDateTime rotatedAt = null;
        if (matcher.group(2) != null) {
            try {
                rotatedAt = LocalDateTime.parse(matcher.group(2), STAMP);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        int sequence = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
        return Optional.of(new LogFileName(matcher.group(1), matcher.group(4), rotatedAt, sequence));
    }

    public boolean isRotated() {
        return rotatedAt != null;
    }

    /** The name of this live file's copy rotated at {@code time}, with {@code sequence} 0 for the first that second. */
    public LogFileName rotated(Instant time, int sequence) {
        return new LogFileName(source, extension, LocalDateTime.ofInstant(time, ZoneOffset.UTC).withNano(0),
                sequence);
    }

    /** When this rotated file was rotated: every line in it was written before. */
    public Instant rotationInstant() {
        return rotatedAt.toInstant(ZoneOffset.UTC);
    }

    public String fileName() {
        if (rotatedAt == null) {
            return source + "." + extension;
        }
        return source + "." + STAMP.format(rotatedAt) + (sequence == 0 ? "" : "-" + sequence) + "." + extension;
    }

    @Override
    public String toString() {
        return fileName();
    }
}
