package io.emporium.runner.process;

/** Something the supervisor starts, watches and stops: a piece of infrastructure or one service instance. */
public interface Part {

    PartState state();

    /**
     * Starts the part and blocks until it is ready. Once ready, a part that runs a process keeps it alive (restarting
     * it with backoff) until {@link #stop()}.
     *
     * @throws PartFailure when it cannot start, exits before it is ready, or is not ready within its timeout
     */
    void start() throws PartFailure;

    /**
     * Stops the part (gracefully, then by force) and waits until it has. Idempotent; aborts a start in progress. A part
     * whose status is {@link Status#FAILED} keeps that status, so the failure stays visible.
     */
    void stop();
}
