package io.emporium.inventory.stock.application;

import java.util.function.Supplier;

/** Runs work atomically against the inventory's store. */
public interface Transactions {

    /**
     * Runs {@code work} in a transaction: the caller's, if one is active (so a message's inbox entry, the effect and
     * the reply commit together), else a new one that commits when {@code work} returns and rolls back if it throws.
     */
    <T> T inTransaction(Supplier<T> work);
}
