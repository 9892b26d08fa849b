package io.emporium.runner.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Operations on processes by pid, for children of this JVM and for ones left by a supervisor that died. */
public final class Processes {

    private Processes() {
    }

    /** The start time the OS reports, used to tell a recorded pid from a reused one; empty when unknown or dead. */
    public static Optional<Instant> startInstant(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().startInstant());
    }

    /** The live process with this pid, only if it is the one that started at {@code started} (when given). */
    public static Optional<ProcessHandle> find(long pid, Instant started) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(handle -> started == null
                        || handle.info().startInstant().map(started::equals).orElse(true));
    }

    /** The signal that asks a process to stop. */
    public static final String TERM = "TERM";

    /** SIGTERM, then SIGKILL if it is still alive after {@code grace}. Returns whether it had to be killed. */
    public static boolean terminate(ProcessHandle process, Duration grace) {
        return terminate(process, grace, TERM);
    }

    /** {@code signal} (e.g. {@code INT}), then SIGKILL if it is still alive after {@code grace}. Returns whether it had to be killed. */
    public static boolean terminate(ProcessHandle process, Duration grace, String signal) {
        if (!process.isAlive()) {
            return false;
        }
        if (TERM.equals(signal)) {
            process.destroy();
        } else {
            signal(process.pid(), signal);
        }
        if (awaitExit(process, grace)) {
            return false;
        }
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(10));
        return true;
    }

    /**
     * Sends a named signal (e.g. {@code INT}) with {@code kill}, since {@link ProcessHandle} sends only SIGTERM and
     * SIGKILL; PostgreSQL's fast shutdown is SIGINT.
     */
    public static void signal(long pid, String signal) {
        try {
            new ProcessBuilder(List.of("kill", "-" + signal, Long.toString(pid))).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Resident set size in kB from {@code /proc/<pid>/status} (VmRSS); empty where there is no /proc. */
    public static OptionalLong rssKilobytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
