package io.emporium.runner.infra;

import java.util.Optional;

import io.emporium.runner.process.Part;
import io.emporium.runner.process.PartFailure;
import io.emporium.runner.process.PartState;
import io.emporium.runner.process.Status;

/** Infrastructure that runs elsewhere ({@code --external}): checked or provisioned at start, never stopped by us. */
abstract class ExternalPart implements Part {

    private final PartState state;

    ExternalPart(PartState state) {
        this.state = state;
    }

    /** Starting, then {@link #check()}, then ready after as long as that took. */
    @Override
    public final void start() throws PartFailure {
        state.status(Status.STARTING, null);
        long started = System.nanoTime();
        check();
        state.ready(Optional.of((System.nanoTime() - started) / 1_000_000));
    }

    /** Makes sure the infrastructure answers (and is provisioned); returns once it is ready for the services. */
    abstract void check() throws PartFailure;

    @Override
    public final PartState state() {
        return state;
    }

    @Override
    public final void stop() {
        if (state.status() == Status.READY) {
            state.status(Status.STOPPED, "external: left running");
        }
    }
}
