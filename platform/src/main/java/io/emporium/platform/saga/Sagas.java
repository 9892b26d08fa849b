package io.emporium.platform.saga;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persisted saga instances (a port). All methods run in the caller's transaction. */
public interface Sagas {

    void insert(SagaInstance instance);

    /** The instance, locked until the transaction ends, so replies and deadlines for one saga never interleave. */
    Optional<SagaInstance> lock(String id);

    /** Stores the next state of a locked instance (its version is checked and incremented). */
    void update(SagaInstance instance);

    /**
     * Ids of running sagas whose deadline is before {@code now}, oldest first, skipping ones locked elsewhere and
     * quarantined ones.
     */
    List<String> expired(Instant now, int limit);

    /**
     * Marks the saga as quarantined since {@code at}, for {@code reason} (one line), unless it is already; its state
     * is not touched. A quarantined saga is left out of {@link #expired}.
     */
    void quarantine(String id, String reason, Instant at);
}
