package io.emporium.platform.saga;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The persisted progress of one saga: which step it waits on and until when, and how many times that step's
 * command(s) were sent again because its deadline passed ({@code retries}, retriable steps only; 0 on every other
 * step). Immutable; each transition returns the next instance. {@code version} is checked by the store when the next
 * instance is saved.
 */
public record SagaInstance(String id, String definition, int step, SagaStatus status, @Nullable Instant deadline,
        @Nullable String failure, int retries, long version) {

    public SagaInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(status, "status");
    }

    static SagaInstance begin(String id, String definition) {
        return new SagaInstance(id, definition, 0, SagaStatus.RUNNING, null, null, 0, 0);
    }

    SagaInstance waitingAt(int step, Instant deadline) {
        return new SagaInstance(id, definition, step, SagaStatus.RUNNING, deadline, null, 0, version);
    }

    SagaInstance retried(Instant deadline) {
        return new SagaInstance(id, definition, step, SagaStatus.RUNNING, deadline, null, retries + 1, version);
    }

    SagaInstance completed() {
        return new SagaInstance(id, definition, step, SagaStatus.COMPLETED, null, null, retries, version);
    }

    SagaInstance compensated(String reason) {
        return new SagaInstance(id, definition, step, SagaStatus.COMPENSATED, null, reason, retries, version);
    }

    public boolean isRunning() {
        return status == SagaStatus.RUNNING;
    }
}
