package io.emporium.runner.topology;

import java.time.Duration;

/**
 * How much of {@code var/logs} the supervisor keeps (the {@code logs:} section of the topology).
 *
 * @param maxFileSize  bytes a live log may reach before it is rotated (copied to a stamped file and emptied)
 * @param maxTotalSize bytes all rotated files together may take; beyond it, the oldest are deleted
 * @param maxAge       how long a rotated file is kept after its rotation
 */
public record LogsSpec(long maxFileSize, long maxTotalSize, Duration maxAge) {

    /** {@code logs: { max-file-size: 20MB, max-total-size: 500MB, max-age: 7d }}: what applies when it is absent. */
    public static final LogsSpec DEFAULTS = new LogsSpec(20L << 20, 500L << 20, Duration.ofDays(7));

    public LogsSpec {
        if (maxFileSize <= 0 || maxTotalSize <= 0 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("log limits must be positive");
        }
    }
}
