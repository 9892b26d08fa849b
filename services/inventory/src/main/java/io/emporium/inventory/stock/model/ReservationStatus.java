package io.emporium.inventory.stock.model;

/** Where an order's reservation stands. Only RESERVED can still change. */
public enum ReservationStatus {
    /** The lines' units are held for the order. */
    RESERVED,
    /** The order was compensated: its units (if any were held) went back to available. Final. */
    RELEASED,
    /** The order was confirmed: its units were shipped. Final. */
    COMMITTED,
    /** Some line could not be served, so nothing was reserved. Final. */
    REJECTED
}
