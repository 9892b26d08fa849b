package io.emporium.inventory.stock.application;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.emporium.inventory.stock.model.IllegalReservationChange;
import io.emporium.inventory.stock.model.OrderId;
import io.emporium.inventory.stock.model.Reservation;
import io.emporium.inventory.stock.model.ReserveVerdict;
import io.emporium.inventory.stock.model.Reservations;
import io.emporium.inventory.stock.model.Sku;
import io.emporium.inventory.stock.model.StockLevel;
import io.emporium.inventory.stock.model.StockLevels;
import io.emporium.platform.transaction.Transactions;

/**
 * The inventory's use cases: the order saga's reserve, release and commit commands, restocking, and stock queries.
 *
 * <p>Every command runs in one transaction (joining the caller's, see {@link Transactions}) that locks the order's
 * reservation first and then its stock rows in sku order, so concurrent commands on overlapping skus serialise
 * without deadlocks. Every command is idempotent per order: repeating it changes nothing more and sends the same
 * kind of answer. A release that arrives before the reserve it compensates is answered and remembered, and the
 * late reserve is then rejected with {@link Reservation#ALREADY_RELEASED}, so the saga always gets an answer.
 */
public class Warehouse {

    private final StockLevels stockLevels;
    private final Reservations reservations;
    private final ReservationReplies replies;
    private final Transactions transactions;

    public Warehouse(StockLevels stockLevels, Reservations reservations, ReservationReplies replies,
            Transactions transactions) {
        this.stockLevels = Objects.requireNonNull(stockLevels, "stockLevels");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.replies = Objects.requireNonNull(replies, "replies");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * Reserves every line of the order, or none (answering {@code rejected} with the unavailable skus; a sku the
     * inventory does not know is unavailable). If the order already has a reservation, nothing moves and the
     * answer repeats what became of it (a released order is rejected).
     *
     * @return how the command was answered
     */
    public ReserveVerdict reserve(ReserveStockCommand command) {
        return transactions.inTransaction(() -> {
            Reservation reservation = reservations.lock(command.orderId()).orElseGet(() -> {
                Reservation.Change change = Reservation.place(command.orderId(), command.lines(),
                        stockLevels.lock(Reservation.skusOf(command.lines())));
                stockLevels.update(change.movedStock());
                reservations.add(change.reservation());
                return change.reservation();
            });
            ReserveVerdict verdict = reservation.verdict();
            switch (verdict) {
                case ReserveVerdict.Reserved reserved -> replies.reserved(reserved.orderId());
                case ReserveVerdict.Rejected rejected ->
                        replies.rejected(rejected.orderId(), rejected.reason(), rejected.unavailableSkus());
            }
            return verdict;
        });
    }

    /**
     * Gives the order's reserved units back and answers {@code released}, also when nothing was reserved (then the
     * order is remembered as released, so a later reserve is rejected) or it was already released or rejected.
     *
     * @throws IllegalReservationChange if the order's stock was committed (shipped)
     */
    public void release(ReleaseStockCommand command) {
        transactions.inTransaction(() -> {
            Optional<Reservation> existing = reservations.lock(command.orderId());
            if (existing.isEmpty()) {
                reservations.add(Reservation.releasedBeforeReserving(command.orderId(), command.reason()));
            }
            else {
                Reservation.Change change = existing.get().release(command.reason(),
                        stockLevels.lock(existing.get().skus()));
                save(existing.get(), change);
            }
            replies.released(command.orderId());
            return null;
        });
    }

    /**
     * Ships the order's reserved units (reserved becomes shipped) and answers {@code committed}; repeating it only
     * repeats the answer.
     *
     * @throws IllegalReservationChange if the order has no reservation, or it was released or rejected
     */
    public void commit(CommitStockCommand command) {
        transactions.inTransaction(() -> {
            Reservation reservation = reservations.lock(command.orderId()).orElseThrow(
                    () -> new IllegalReservationChange("Order " + command.orderId() + " has no reservation to commit"));
            save(reservation, reservation.commit(stockLevels.lock(reservation.skus())));
            replies.committed(command.orderId());
            return null;
        });
    }

    /**
     * Sets the units available to reserve after a stock count; reserved and shipped units are untouched.
     * Idempotent.
     *
     * @return the new stock level, or empty if the inventory does not know the sku (nothing changes)
     */
    public Optional<StockLevel> restock(RestockCommand command) {
        return transactions.inTransaction(() -> {
            Map<Sku, StockLevel> locked = stockLevels.lock(List.of(command.sku()));
            Optional<StockLevel> restocked = Optional.ofNullable(locked.get(command.sku()))
                    .map(level -> level.restock(command.available()));
            restocked.ifPresent(stockLevels::recount);
            return restocked;
        });
    }

    public Optional<StockLevel> stock(Sku sku) {
        return stockLevels.bySku(sku);
    }

    /** The known ones among {@code skus}, in sku order. */
    public List<StockLevel> stock(Collection<Sku> skus) {
        return stockLevels.bySkus(skus);
    }

    public Optional<Reservation> reservation(OrderId orderId) {
        return reservations.byOrderId(orderId);
    }

    private void save(Reservation before, Reservation.Change change) {
        stockLevels.update(change.movedStock());
        if (!change.reservation().equals(before)) {
            reservations.update(change.reservation());
        }
    }
}
