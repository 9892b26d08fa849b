package io.emporium.runner.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.emporium.runner.logs.LogFiles;
import io.emporium.runner.logs.RunnerLog;

/**
 * A part that is one supervised process: checks its ports are free, prepares (e.g. formats storage, trains an AOT
 * cache), starts the process, waits until its {@link Readiness} says ready, then restarts it with backoff whenever
 * it exits unexpectedly. With a {@link LivenessWatch}, a ready process that stops answering its liveness check is
 * killed, and so restarted too.
 */
public final class ProcessPart implements Part {

    /** Prepares the process to run; may run short helper processes through the context. */
    @FunctionalInterface
    public interface Launch {

        ProcessSpec prepare(Preparation preparation) throws PartFailure, IOException;
    }

    /** What a {@link Launch} may use: the part's state, and helper processes that a stop interrupts. */
    public interface Preparation {

        PartState state();

        /**
         * Runs a helper process to completion and returns its exit code; it is killed if the part is stopped.
         *
         * @throws HelperTimedOut when it did not finish within {@code timeout} (it was stopped)
         * @throws PartFailure    when the part is being stopped
         */
        int run(ProcessSpec spec, Duration timeout) throws PartFailure, IOException;
    }

    private static final Duration POLL = Duration.ofMillis(250);

    private final PartState state;
    private final List<Integer> ports;
    private final Launch launch;
    private final Readiness readiness;
    private final Duration readyTimeout;
    private final Duration stopGrace;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final RunnerLog log;
    private final Path logFile;
    private final LivenessWatch watch;
    private final List<Process> helpers = new ArrayList<>();
    private ManagedProcess managed;
    private LivenessWatchdog watchdog;
    private boolean stopping;

    public ProcessPart(PartState state, List<Integer> ports, Launch launch, Readiness readiness,
                       Duration readyTimeout, Duration stopGrace, Backoff backoff,
                       ScheduledExecutorService scheduler, RunnerLog log, Path logFile) {
        this(state, ports, launch, readiness, readyTimeout, stopGrace, backoff, scheduler, log, logFile, null);
    }

    /** @param watch how to watch the process once ready, or {@code null} not to watch it */
    public ProcessPart(PartState state, List<Integer> ports, Launch launch, Readiness readiness,
                       Duration readyTimeout, Duration stopGrace, Backoff backoff,
                       ScheduledExecutorService scheduler, RunnerLog log, Path logFile, LivenessWatch watch) {
        this.state = state;
        this.ports = List.copyOf(ports);
        this.launch = launch;
        this.readiness = readiness;
        this.readyTimeout = readyTimeout;
        this.stopGrace = stopGrace;
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.log = log;
        this.logFile = logFile;
        this.watch = watch;
    }

    @Override
    public PartState state() {
        return state;
    }

    @Override
    public void start() throws PartFailure {
        String id = state.snapshot().id();
        for (int port : ports) {
            if (PortCheck.inUse(port)) {
                throw new PartFailure(id, "port " + port + " is already in use (needed by " + id + ")", List.of());
            }
        }
        state.status(Status.STARTING, null);
        Process process;
        try {
            ProcessSpec spec = launch.prepare(new HelperRunner());
            synchronized (this) {
                if (stopping) {
                    throw new PartFailure(id, "stopped while starting", List.of());
                }
                managed = new ManagedProcess(spec, backoff, scheduler, new Restarts());
                process = managed.start();
            }
        } catch (IOException e) {
            throw new PartFailure(id, "cannot start: " + e.getMessage(), LogFiles.tail(logFile, 20));
        }
        state.started(process.pid());
        long launched = System.nanoTime();
        awaitReady(process, launched);
        managed.supervise();
        if (!process.isAlive()) {
            throw failure(id, "exited with code " + process.exitValue() + " right after it became ready");
        }
        state.ready(Optional.of(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched)));
        if (watch != null) {
            synchronized (this) {
                if (!stopping) {
                    ManagedProcess supervised = managed;
                    watchdog = new LivenessWatchdog(state, watch, supervised::process, log).start();
                }
            }
        }
    }

    private void awaitReady(Process process, long launched) throws PartFailure {
        String id = state.snapshot().id();
        long deadline = launched + readyTimeout.toNanos();
        while (!readiness.isReady()) {
            if (isStopping()) {
                throw new PartFailure(id, "stopped while starting", List.of());
            }
            if (!process.isAlive()) {
                throw failure(id, "exited with code " + process.exitValue() + " before it was ready");
            }
            if (System.nanoTime() > deadline) {
                managed.stop(Duration.ofSeconds(5));
                throw failure(id, "not ready within " + readyTimeout.toSeconds() + " s (" + readiness + ")");
            }
            pause();
        }
    }

    private PartFailure failure(String id, String message) {
        return new PartFailure(id, message, LogFiles.tail(logFile, 20));
    }

    @Override
    public void stop() {
        ManagedProcess current;
        List<Process> running;
        synchronized (this) {
            stopping = true;
            current = managed;
            running = List.copyOf(helpers);
            if (watchdog != null) {
                watchdog.stop();
            }
        }
        running.forEach(helper -> Processes.terminate(helper.toHandle(), Duration.ofSeconds(5)));
        boolean keepStatus = state.status() == Status.FAILED || state.status() == Status.STOPPED;
        if (current != null) {
            if (!keepStatus && current.process().map(Process::isAlive).orElse(false)) {
                state.status(Status.STOPPING, null);
            }
            current.stop(stopGrace);
        }
        if (!keepStatus) {
            state.status(Status.STOPPED, null);
        }
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class HelperRunner implements Preparation {

        @Override
        public PartState state() {
            return state;
        }

        @Override
        public int run(ProcessSpec spec, Duration timeout) throws PartFailure, IOException {
            Process helper;
            synchronized (ProcessPart.this) {
                if (stopping) {
                    throw new PartFailure(state.snapshot().id(), "stopped while starting", List.of());
                }
                helper = spec.launch();
                helpers.add(helper);
            }
            try {
                if (!helper.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    Processes.terminate(helper.toHandle(), Duration.ofSeconds(5));
                    throw new HelperTimedOut(state.snapshot().id(), "'" + spec.describe()
                            + "' did not finish within " + timeout.toSeconds() + " s", LogFiles.tail(spec.logFile(), 20));
                }
                return helper.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Processes.terminate(helper.toHandle(), Duration.ofSeconds(5));
                throw new PartFailure(state.snapshot().id(), "interrupted", List.of());
            } finally {
                synchronized (ProcessPart.this) {
                    helpers.remove(helper);
                }
            }
        }
    }

    private final class Restarts implements ManagedProcess.Listener {

        @Override
        public void exited(int exitCode, Duration restartIn) {
            String id = state.snapshot().id();
            String message = "exited with code " + exitCode + "; restarting in " + seconds(restartIn);
            state.status(Status.RESTARTING, message);
            log.warn("part.exited", id, message);
        }

        @Override
        public void restartFailed(IOException cause, Duration retryIn) {
            String id = state.snapshot().id();
            String message = "restart failed (" + cause.getMessage() + "); retrying in " + seconds(retryIn);
            state.status(Status.RESTARTING, message);
            log.error("part.restart-failed", id, message);
        }

        @Override
        public void restarted(Process process) {
            String id = state.snapshot().id();
            state.restarted();
            state.started(process.pid());
            state.status(Status.STARTING, "restarted (restart " + state.restarts() + ")");
            log.write("INFO", "part.restarted", id, "restarted as pid " + process.pid(),
                    java.util.Map.of("restarts", state.restarts(), "pid", process.pid()));
            Thread.ofVirtual().name("ready-" + id).start(() -> {
                long deadline = System.nanoTime() + readyTimeout.toNanos();
                while (process.isAlive() && !isStopping() && System.nanoTime() < deadline) {
                    if (readiness.isReady()) {
                        state.ready(Optional.empty());
                        log.info("part.ready", id, "ready again after restart " + state.restarts());
                        return;
                    }
                    pause();
                }
            });
        }

        private static String seconds(Duration duration) {
            return String.format("%.1fs", duration.toMillis() / 1000.0);
        }
    }
}
