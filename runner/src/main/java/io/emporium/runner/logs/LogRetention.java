package io.emporium.runner.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.emporium.runner.topology.LogsSpec;

/**
 * Keeps the log directory within the topology's {@link LogsSpec limits}; the supervisor runs it when it starts and then
 * {@linkplain #schedule every few seconds}. Applies to every log there: the services', the runner's own
 * {@code runner.jsonl} and the infrastructure's {@code .log} files.
 * <ol>
 * <li><b>Rotation</b>: a live file larger than {@code max-file-size} is copied to
 * {@code <source>.<yyyyMMdd-HHmmss>.<ext>} (UTC) and then truncated to zero, in place. This is logrotate's
 * {@code copytruncate}: the writing process keeps its file descriptor and, since every part's output is opened with
 * {@code O_APPEND} ({@code ProcessBuilder.Redirect.appendTo}), its next write lands at the new end, the start. The
 * copy catches up with what was written while it ran, but what a process writes between the copy's last look at the
 * file and the truncation (microseconds) is lost, and a line being written at that instant may be cut in two.</li>
 * <li><b>Age</b>: rotated files rotated longer than {@code max-age} ago are deleted.</li>
 * <li><b>Total size</b>: while all rotated files together take more than {@code max-total-size}, the oldest is
 * deleted.</li>
 * </ol>
 * A live file is never deleted, only truncated after its copy is safe; live files count against neither total, so
 * the directory holds at most {@code max-total-size} plus one live file per part of up to {@code max-file-size} (and
 * what each writes between two checks). Thread-safe: one enforcement at a time.
 */
public final class LogRetention {

    /** How often the supervisor checks. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);

    /** What one enforcement did: the rotated copies it made and the rotated files it deleted, in order. */
    public record Result(List<Path> rotated, List<Path> deleted) {

        public Result {
            rotated = List.copyOf(rotated);
            deleted = List.copyOf(deleted);
        }
    }

    private final Path directory;
    private final LogsSpec limits;
    private final RunnerLog log;
    private final Clock clock;

    public LogRetention(Path directory, LogsSpec limits, RunnerLog log) {
        this(directory, limits, log, Clock.systemUTC());
    }

    /** @param clock stamps the rotated files and tells their age */
    public LogRetention(Path directory, LogsSpec limits, RunnerLog log, Clock clock) {
        this.directory = directory;
        this.limits = limits;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Runs {@link #enforce()} every {@code interval}, the first time after one interval, until the scheduler shuts
     * down or the returned future is cancelled. A failed run is logged; the next one runs as planned.
     */
    public ScheduledFuture<?> schedule(ScheduledExecutorService scheduler, Duration interval) {
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                enforce();
            } catch (RuntimeException e) {
                log.warn("logs.retention-failed", null, "log retention failed: " + e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Rotates the live files over the size limit, then deletes rotated files over the age and total size limits,
     * oldest first; logs each action to the runner's log. A file that cannot be rotated or deleted is logged and left
     * for the next run.
     *
     * @throws UncheckedIOException when the directory cannot be listed
     */
    public synchronized Result enforce() {
        List<Path> rotated = new ArrayList<>();
        for (Path live : LogFiles.list(directory, LogQuery.all())) {
            long size = LogFiles.size(live);
            if (size <= limits.maxFileSize()) {
                continue;
            }
            try {
                Path copy = rotate(live);
                rotated.add(copy);
                long copied = LogFiles.size(copy);
                log.write("INFO", "logs.rotated", null, "rotated " + live.getFileName() + " (" + readable(copied)
                        + ") to " + copy.getFileName(), Map.of("file", copy.getFileName().toString(),
                        "bytes", copied));
            } catch (IOException e) {
                log.warn("logs.rotation-failed", null, "cannot rotate " + live.getFileName() + ": " + e);
            }
        }
        return new Result(rotated, deleteOldest());
    }

    /** Copies the live file to its stamped name, catches up with lines written meanwhile, and truncates it. */
    private Path rotate(Path live) throws IOException {
        LogFileName name = LogFileName.of(live).orElseThrow();
        Instant now = clock.instant();
        LogFileName target = name.rotated(now, 0);
        for (int sequence = 1; Files.exists(directory.resolve(target.fileName())); sequence++) {
            target = name.rotated(now, sequence);
        }
        Path copy = directory.resolve(target.fileName());
        // a name that is no log file's, so that readers never see a half-written copy
        Path temporary = directory.resolve("." + target.fileName() + ".tmp");
        try (FileChannel in = FileChannel.open(live, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            long copied = copy(in, out, 0);
            move(temporary, copy);
            copy(in, out, copied);
            // from here until the truncation, whatever is written is lost: keep it as short as possible
            in.truncate(0);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return copy;
    }

    /** Appends what {@code in} holds beyond {@code from} to {@code out}, until it holds no more; returns its length. */
    private static long copy(FileChannel in, FileChannel out, long from) throws IOException {
        long position = from;
        for (long size = in.size(); position < size; size = in.size()) {
            position += in.transferTo(position, size - position, out);
        }
        return position;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes rotated files, oldest first, while the oldest is over the age limit or all are over the total. */
    private List<Path> deleteOldest() {
        List<Path> rotated = LogFiles.rotated(directory);
        long total = rotated.stream().mapToLong(LogFiles::size).sum();
        Instant expiry = clock.instant().minus(limits.maxAge());
        List<Path> deleted = new ArrayList<>();
        for (Path file : rotated) {
            boolean expired = LogFileName.of(file).orElseThrow().rotationInstant().isBefore(expiry);
            boolean overTotal = total > limits.maxTotalSize();
            if (!expired && !overTotal) {
                break;
            }
            long size = LogFiles.size(file);
            try {
                Files.delete(file);
            } catch (NoSuchFileException goneAlready) {
                // deleted by someone else: it no longer counts either way
            } catch (IOException e) {
                log.warn("logs.deletion-failed", null, "cannot delete " + file.getFileName() + ": " + e);
                continue;
            }
            total -= size;
            deleted.add(file);
            log.write("INFO", "logs.deleted", null, "deleted " + file.getFileName() + " (" + readable(size) + "): "
                    + (expired ? "rotated more than " + shortly(limits.maxAge()) + " ago" : "rotated logs over "
                    + readable(limits.maxTotalSize())), Map.of("file", file.getFileName().toString(), "bytes", size));
        }
        return deleted;
    }

    /** {@code 7d}, {@code 12h}, {@code 30m}, {@code 90s}: the way the topology writes it. */
    private static String shortly(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    /** {@code 400 bytes}, {@code 5.4 KB}, {@code 20.0 MB}, {@code 1.0 GB}. */
    private static String readable(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB"};
        double amount = bytes / 1024.0;
        int unit = 0;
        while (amount >= 1024 && unit < units.length - 1) {
            amount /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", amount, units[unit]);
    }
}
