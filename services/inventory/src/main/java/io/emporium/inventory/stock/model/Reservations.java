package io.emporium.inventory.stock.model;

import java.util.Optional;

/** Every order's reservation. */
public interface Reservations {

    Optional<Reservation> byOrderId(OrderId orderId);

    /**
     * The order's reservation, locked against concurrent change until the caller's transaction ends; empty if the
     * order has none (then nothing is locked). Must be called in a transaction.
     */
    Optional<Reservation> lock(OrderId orderId);

    /**
     * Saves a reservation the order did not have. If a concurrent transaction saved one for the same order first,
     * this fails (the caller's transaction must roll back and the command be retried, which then sees it).
     */
    void add(Reservation reservation);

    /** Saves a new state of a reservation read through {@link #lock}. */
    void update(Reservation reservation);
}
