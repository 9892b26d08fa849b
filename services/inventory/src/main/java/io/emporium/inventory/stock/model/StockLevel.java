package io.emporium.inventory.stock.model;

import java.util.Objects;

/**
 * How many units of one sku are {@code available} to reserve, {@code reserved} for orders not yet confirmed, and
 * {@code shipped} for confirmed orders. Units only move between these buckets, so their sum, the {@link #total()},
 * changes only when the stock is counted again ({@link #restock}). Immutable: each movement returns the new level.
 */
public record StockLevel(Sku sku, long available, long reserved, long shipped) {

    public StockLevel {
        Objects.requireNonNull(sku, "sku");
        if (available < 0 || reserved < 0 || shipped < 0) {
            throw new IllegalArgumentException("Stock of " + sku + " cannot be negative: available " + available
                    + ", reserved " + reserved + ", shipped " + shipped);
        }
    }

    /** Every unit this sku accounts for: available + reserved + shipped. */
    public long total() {
        return Math.addExact(Math.addExact(available, reserved), shipped);
    }

    public boolean canReserve(long quantity) {
        return quantity <= available;
    }

    /** Moves {@code quantity} units from available to reserved; throws {@link InsufficientStock} if too few. */
    public StockLevel reserve(long quantity) {
        requirePositive(quantity);
        if (!canReserve(quantity)) {
            throw new InsufficientStock("Cannot reserve " + quantity + " of " + sku + ": only " + available + " available");
        }
        return new StockLevel(sku, available - quantity, reserved + quantity, shipped);
    }

    /** Gives {@code quantity} reserved units back to available (a compensation). */
    public StockLevel release(long quantity) {
        requirePositive(quantity);
        if (quantity > reserved) {
            throw new InsufficientStock("Cannot release " + quantity + " of " + sku + ": only " + reserved + " reserved");
        }
        return new StockLevel(sku, available + quantity, reserved - quantity, shipped);
    }

    /** Moves {@code quantity} reserved units to shipped: they have left the warehouse for good. */
    public StockLevel ship(long quantity) {
        requirePositive(quantity);
        if (quantity > reserved) {
            throw new InsufficientStock("Cannot ship " + quantity + " of " + sku + ": only " + reserved + " reserved");
        }
        return new StockLevel(sku, available, reserved - quantity, shipped + quantity);
    }

    /**
     * The stock after a count found {@code newAvailable} units on the shelf: reserved and shipped units are
     * untouched, so the total changes by the difference.
     */
    public StockLevel restock(long newAvailable) {
        if (newAvailable < 0) {
            throw new IllegalArgumentException("Available stock cannot be negative, got " + newAvailable);
        }
        return new StockLevel(sku, newAvailable, reserved, shipped);
    }

    private void requirePositive(long quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("A stock movement is at least one unit, got " + quantity + " of " + sku);
        }
    }
}
