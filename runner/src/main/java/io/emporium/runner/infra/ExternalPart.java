package io.emporium.runner.infra;

import io.emporium.runner.process.Part;
import io.emporium.runner.process.PartState;
import io.emporium.runner.process.Status;

/** Infrastructure that runs elsewhere ({@code --external}): checked or provisioned at start, never stopped by us. */
abstract class ExternalPart implements Part {

    private final PartState state;

    ExternalPart(PartState state) {
        this.state = state;
    }

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
