package io.emporium.runner.process;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.emporium.runner.logs.RunnerLog;

/**
 * Watches one ready part on a virtual thread of its own: asks its {@link Liveness} every interval, counts failed
 * answers in a row for the current process, and kills that process (SIGKILL) after too many, logging
 * {@code part.unhealthy}. The part's supervision then restarts it with backoff. Checks pause (and the count starts
 * again) while the part is not {@link Status#READY}: starting, restarting, stopping.
 */
final class LivenessWatchdog {

    private final PartState state;
    private final LivenessWatch watch;
    private final Supplier<Optional<Process>> current;
    private final RunnerLog log;
    private final CountDownLatch stopped = new CountDownLatch(1);

    LivenessWatchdog(PartState state, LivenessWatch watch, Supplier<Optional<Process>> current, RunnerLog log) {
        this.state = state;
        this.watch = watch;
        this.current = current;
        this.log = log;
    }

    LivenessWatchdog start() {
        Thread.ofVirtual().name("liveness-" + state.id()).start(this::run);
        return this;
    }

    /** Stops watching; idempotent. A check in progress finishes, but kills nothing. */
    void stop() {
        stopped.countDown();
    }

    private void run() {
        int failed = 0;
        long watchedPid = 0;
        while (!awaitStop()) {
            PartStatus status = state.snapshot();
            if (status.status() != Status.READY) {
                failed = 0;
                continue;
            }
            if (status.pid() != watchedPid) {
                watchedPid = status.pid();
                failed = 0;
            }
            Optional<String> problem = watch.liveness().problem();
            if (problem.isEmpty()) {
                failed = 0;
                continue;
            }
            if (stopped.getCount() == 0 || state.status() != Status.READY) {
                continue;
            }
            failed++;
            if (failed >= watch.failures()) {
                kill(watchedPid, problem.get(), failed);
                failed = 0;
            }
        }
    }

    private void kill(long pid, String problem, int failed) {
        log.write("WARN", "part.unhealthy", state.id(), "not alive: " + problem + " (" + failed
                        + " checks in a row); killing pid " + pid + " so that it is restarted",
                Map.of("pid", pid, "reason", problem, "failures", failed));
        current.get().filter(process -> process.pid() == pid).ifPresent(Process::destroyForcibly);
    }

    /** Waits one interval; true when stopped meanwhile. */
    private boolean awaitStop() {
        try {
            return stopped.await(watch.interval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
