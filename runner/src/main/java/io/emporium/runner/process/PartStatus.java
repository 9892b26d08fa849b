package io.emporium.runner.process;

/**
 * A snapshot of one part, as written to {@code var/run/state.json}.
 *
 * @param id            {@code postgres}, {@code catalog#1}
 * @param name          the topology name, {@code catalog}
 * @param instance      1-based instance number; 0 for infrastructure
 * @param kind          {@code infra} or {@code service}
 * @param pid           the process id, or 0 when there is none (external infrastructure, not started)
 * @param processStart  the OS start time of {@code pid} in epoch millis, to tell it from a reused pid; 0 if unknown
 * @param startedAt     epoch millis of the current run's start, 0 before the first start
 * @param readyMillis   how long the first start took until ready, or -1
 * @param message       the last notable event (failure reason, restart delay), or {@code null}
 * @param log           the part's log file, relative to the repository root
 */
public record PartStatus(String id, String name, int instance, String kind, Status status, long pid,
                         long processStart, int port, long startedAt, long readyMillis, int restarts,
                         String message, String log) {
}
