package io.emporium.runner.process;

import java.util.Optional;

/** Asks a running part whether it is alive. Implementations never throw: unreachable means not alive. */
@FunctionalInterface
public interface Liveness {

    /** Empty when the part is alive, else why not (one line for a person, e.g. {@code HTTP 503}). */
    Optional<String> problem();
}
