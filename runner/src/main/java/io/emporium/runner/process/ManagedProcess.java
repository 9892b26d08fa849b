package io.emporium.runner.process;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One child process kept alive. After {@link #supervise()}, an exit that {@link #stop(Duration)} did not ask for is
 * reported to the listener and followed, after the {@link Backoff} delay, by a new process from the same spec.
 */
public final class ManagedProcess {

    /** Told about the process' life; called from the process-reaper and scheduler threads. */
    public interface Listener {

        /** A process was started again after an unexpected exit. */
        void restarted(Process process);

        /** The process exited unexpectedly; a restart is scheduled {@code restartIn} from now. */
        void exited(int exitCode, Duration restartIn);

        /** A restart could not even launch the process; another try is scheduled {@code retryIn} from now. */
        void restartFailed(IOException cause, Duration retryIn);
    }

    private final ProcessSpec spec;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private Process process;
    private long runStartedNanos;
    private boolean supervising;
    private boolean stopped;
    private int failuresInRow;

    public ManagedProcess(ProcessSpec spec, Backoff backoff, ScheduledExecutorService scheduler, Listener listener) {
        this.spec = spec;
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    /** Launches the process. Unexpected exits are not restarted until {@link #supervise()}. */
    public synchronized Process start() throws IOException {
        if (stopped) {
            throw new IOException("stopped");
        }
        Process started = spec.launch();
        process = started;
        runStartedNanos = System.nanoTime();
        started.onExit().thenAccept(this::exited);
        return started;
    }

    /** From now on, unexpected exits are restarted. */
    public synchronized void supervise() {
        supervising = true;
    }

    public synchronized Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    /** Stops supervising and terminates the current process (its stop signal, then SIGKILL after {@code grace}). */
    public void stop(Duration grace) {
        Process current;
        synchronized (this) {
            stopped = true;
            current = process;
        }
        if (current != null) {
            Processes.terminate(current.toHandle(), grace, spec.stopSignal());
        }
    }

    private void exited(Process exited) {
        Duration delay;
        synchronized (this) {
            if (exited != process || stopped || !supervising) {
                return;
            }
            if (backoff.isStable(Duration.ofNanos(System.nanoTime() - runStartedNanos))) {
                failuresInRow = 0;
            }
            failuresInRow++;
            delay = backoff.delay(failuresInRow);
        }
        listener.exited(exited.exitValue(), delay);
        scheduler.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart() {
        Process restarted;
        try {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                restarted = start();
            }
        } catch (IOException e) {
            Duration delay;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                failuresInRow++;
                delay = backoff.delay(failuresInRow);
            }
            listener.restartFailed(e, delay);
            scheduler.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        listener.restarted(restarted);
    }
}
