package io.emporium.inventory.stock.model;

/**
 * Thrown when a command asks a reservation for a change its state does not allow, e.g. committing a released
 * reservation. Retrying cannot help: the command contradicts what already happened to the order.
 */
public class IllegalReservationChange extends IllegalStateException {

    public IllegalReservationChange(String message) {
        super(message);
    }
}
