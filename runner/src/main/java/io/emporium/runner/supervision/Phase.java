package io.emporium.runner.supervision;

/** Where the whole system is: starting, ready, failed to start, stopping, stopped. */
public enum Phase {
    STARTING, READY, FAILED, STOPPING, STOPPED
}
