package io.emporium.runner.process;

/** Asks a part whether it is ready to serve. Implementations never throw: unreachable means not ready. */
@FunctionalInterface
public interface Readiness {

    boolean isReady();
}
