package io.emporium.platform.transaction;

import java.util.function.Supplier;

/**
 * Runs work atomically against the service's own database: a port, so that use cases stay plain Java. The platform
 * provides it in every service that has one transaction manager ({@code persistence.SpringTransactions}); tests of
 * use cases pass their own.
 */
public interface Transactions {

    /**
     * Runs {@code work} in a transaction: the caller's, if one is active (so that a message's inbox entry, the effect
     * and the reply commit together), else a new one that commits when {@code work} returns and rolls back if it
     * throws (the exception then reaches the caller unchanged).
     *
     * @return what {@code work} returned (may be {@code null})
     */
    <T> T inTransaction(Supplier<T> work);

    /** {@link #inTransaction(Supplier)} for work that returns nothing. */
    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
