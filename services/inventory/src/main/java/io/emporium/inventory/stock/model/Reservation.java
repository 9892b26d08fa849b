package io.emporium.inventory.stock.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * The stock held for one order, and what became of it. Every order has at most one reservation, and every change
 * to it is final except from {@link ReservationStatus#RESERVED}:
 * <pre>
 * (none) --place--> RESERVED --release--> RELEASED
 *        \              \------commit--> COMMITTED
 *         \--place (a line short)-------> REJECTED
 *          \--release (before any place)-> RELEASED   (a compensation that overtook its command)
 * </pre>
 * Immutable: each change returns the new reservation together with the stock levels it moved.
 *
 * @param lines the units held (RESERVED), shipped (COMMITTED) or given back (RELEASED); empty when REJECTED or
 *        released before anything was reserved; one line per sku, in sku order
 * @param reason why the order was released or rejected; null while RESERVED or COMMITTED
 * @param unavailableSkus the skus that could not be served, as the order named them; empty unless REJECTED
 */
public record Reservation(OrderId orderId, ReservationStatus status, List<Line> lines, @Nullable String reason,
        List<String> unavailableSkus) {

    /** Rejection reason when some line asks for more than is available (or for a sku the inventory does not know). */
    public static final String INSUFFICIENT_STOCK = "insufficient stock";
    /** Rejection reason for a reserve that arrives after the order was released: its compensation came first. */
    public static final String ALREADY_RELEASED = "order already released";

    public Reservation {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
        unavailableSkus = List.copyOf(unavailableSkus);
        if ((status == ReservationStatus.RESERVED || status == ReservationStatus.COMMITTED) && lines.isEmpty()) {
            throw new IllegalArgumentException("A " + status + " reservation holds at least one line");
        }
        if (status == ReservationStatus.REJECTED && (!lines.isEmpty() || reason == null)) {
            throw new IllegalArgumentException("A rejected reservation holds nothing and has a reason");
        }
        if (status != ReservationStatus.REJECTED && !unavailableSkus.isEmpty()) {
            throw new IllegalArgumentException("Only a rejected reservation lists unavailable skus");
        }
        if (lines.stream().map(Line::sku).distinct().count() != lines.size()) {
            throw new IllegalArgumentException("A reservation holds one line per sku, got " + lines);
        }
    }

    /** The skus whose stock a request touches, in locking order; skus not in the SKU format are left out. */
    public static SortedSet<Sku> skusOf(Collection<RequestedLine> requested) {
        SortedSet<Sku> skus = new TreeSet<>();
        requested.forEach(line -> Sku.parse(line.sku()).ifPresent(skus::add));
        return skus;
    }

    /**
     * Reserves every requested line, all or nothing. Lines naming the same sku are added up. If any sku is unknown
     * (absent from {@code stock}) or has fewer units available than asked for, the result is a
     * {@link ReservationStatus#REJECTED} reservation listing those skus, and no stock moves.
     *
     * @param requested at least one line
     * @param stock the current, locked levels of (at least) the {@link #skusOf requested skus}
     */
    public static Change place(OrderId orderId, List<RequestedLine> requested, Map<Sku, StockLevel> stock) {
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("Order " + orderId + " asks to reserve no lines");
        }
        Map<String, Long> quantities = new LinkedHashMap<>();
        requested.forEach(line -> quantities.merge(line.sku(), line.quantity(), Math::addExact));

        List<String> unavailable = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        List<StockLevel> moved = new ArrayList<>();
        quantities.forEach((text, quantity) -> {
            Optional<StockLevel> level = Sku.parse(text).map(stock::get);
            if (level.isEmpty() || !level.get().canReserve(quantity)) {
                unavailable.add(text);
            }
            else {
                lines.add(new Line(level.get().sku(), quantity));
                moved.add(level.get().reserve(quantity));
            }
        });
        if (!unavailable.isEmpty()) {
            return new Change(new Reservation(orderId, ReservationStatus.REJECTED, List.of(), INSUFFICIENT_STOCK,
                    unavailable), List.of());
        }
        return new Change(new Reservation(orderId, ReservationStatus.RESERVED, sorted(lines), null, List.of()), moved);
    }

    /**
     * The record of a release that arrived before anything was reserved for the order: nothing moves, and a
     * reserve arriving later is rejected ({@link #ALREADY_RELEASED}).
     */
    public static Reservation releasedBeforeReserving(OrderId orderId, String reason) {
        return new Reservation(orderId, ReservationStatus.RELEASED, List.of(), reason, List.of());
    }

    /** How a request to reserve stock for this order is answered, whether it is the first or a repeat. */
    public ReserveVerdict verdict() {
        return switch (status) {
            case RESERVED, COMMITTED -> new ReserveVerdict.Reserved(orderId);
            case REJECTED -> new ReserveVerdict.Rejected(orderId, Objects.requireNonNull(reason), unavailableSkus);
            case RELEASED -> new ReserveVerdict.Rejected(orderId, ALREADY_RELEASED, List.of());
        };
    }

    /**
     * Gives the held units back to available. Idempotent: releasing a released or rejected reservation changes
     * nothing (the first reason stays).
     *
     * @param stock the current, locked levels of this reservation's skus
     * @throws IllegalReservationChange if the reservation was committed: its units have left the warehouse
     */
    public Change release(String reason, Map<Sku, StockLevel> stock) {
        return switch (status) {
            case RELEASED, REJECTED -> new Change(this, List.of());
            case COMMITTED -> throw new IllegalReservationChange(
                    "Cannot release the reservation of order " + orderId + ": it was committed");
            case RESERVED -> new Change(new Reservation(orderId, ReservationStatus.RELEASED, lines, reason, List.of()),
                    lines.stream().map(line -> levelOf(line, stock).release(line.quantity())).toList());
        };
    }

    /**
     * Ships the held units (reserved becomes shipped). Idempotent: committing a committed reservation changes nothing.
     *
     * @param stock the current, locked levels of this reservation's skus
     * @throws IllegalReservationChange if the reservation was released or rejected: nothing is held to ship
     */
    public Change commit(Map<Sku, StockLevel> stock) {
        return switch (status) {
            case COMMITTED -> new Change(this, List.of());
            case RELEASED, REJECTED -> throw new IllegalReservationChange(
                    "Cannot commit the reservation of order " + orderId + ": it is " + status);
            case RESERVED -> new Change(new Reservation(orderId, ReservationStatus.COMMITTED, lines, null, List.of()),
                    lines.stream().map(line -> levelOf(line, stock).ship(line.quantity())).toList());
        };
    }

    /** The skus of this reservation's lines, in locking order. */
    public SortedSet<Sku> skus() {
        SortedSet<Sku> skus = new TreeSet<>();
        lines.forEach(line -> skus.add(line.sku()));
        return skus;
    }

    private StockLevel levelOf(Line line, Map<Sku, StockLevel> stock) {
        StockLevel level = stock.get(line.sku());
        if (level == null) {
            throw new IllegalStateException("No stock level of " + line.sku() + " given for order " + orderId);
        }
        return level;
    }

    private static List<Line> sorted(List<Line> lines) {
        return lines.stream().sorted((a, b) -> a.sku().compareTo(b.sku())).toList();
    }

    /** A reservation's new state and the stock levels the change moved (to be saved together). */
    public record Change(Reservation reservation, List<StockLevel> movedStock) {

        public Change {
            Objects.requireNonNull(reservation, "reservation");
            movedStock = List.copyOf(movedStock);
        }
    }
}
