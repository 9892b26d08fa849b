package io.emporium.inventory.api;

import java.util.List;

/**
 * The inventory service's messaging contract. Commands go to {@link #COMMANDS}, replies come back on
 * {@link #EVENTS}; both are keyed by order id, so everything about one order is handled in order. Every command is
 * idempotent: delivering it twice has the effect of delivering it once, and a release that arrives for a
 * reservation that never happened still answers {@link StockReleased} (and makes a later reserve for that order a
 * rejection), so compensations are safe whatever the timing.
 */
public final class InventoryMessages {

    /** Commands to the inventory service (key: order id). */
    public static final String COMMANDS = "inventory.commands";
    /** What the inventory service did about them (key: order id). */
    public static final String EVENTS = "inventory.reservation-events";

    private InventoryMessages() {
    }

    /** One sku and how many units of it. */
    public record Line(String sku, int quantity) {
    }

    /** Reserve every line of an order, all or nothing. Answered by {@link StockReserved} or {@link StockReservationRejected}. */
    public record ReserveStock(String orderId, List<Line> lines) {
        public static final String TYPE = "inventory.ReserveStock";
    }

    /** Compensation: give the order's reserved units back to stock. Answered by {@link StockReleased}. */
    public record ReleaseStock(String orderId, String reason) {
        public static final String TYPE = "inventory.ReleaseStock";
    }

    /**
     * The order's payment is captured: its reserved units leave the warehouse (reserved becomes shipped). Answered by
     * {@link StockCommitted}, again each time it is repeated (the saga re-sends it until it hears back).
     */
    public record CommitStock(String orderId) {
        public static final String TYPE = "inventory.CommitStock";
    }

    public record StockReserved(String orderId) {
        public static final String TYPE = "inventory.StockReserved";
    }

    /** Nothing was reserved; {@code unavailableSkus} lists the lines that could not be served. */
    public record StockReservationRejected(String orderId, String reason, List<String> unavailableSkus) {
        public static final String TYPE = "inventory.StockReservationRejected";
    }

    public record StockReleased(String orderId) {
        public static final String TYPE = "inventory.StockReleased";
    }

    public record StockCommitted(String orderId) {
        public static final String TYPE = "inventory.StockCommitted";
    }
}
