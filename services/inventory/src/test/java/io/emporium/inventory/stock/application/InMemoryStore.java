package io.emporium.inventory.stock.application;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.emporium.inventory.stock.model.OrderId;
import io.emporium.inventory.stock.model.Reservation;
import io.emporium.inventory.stock.model.Reservations;
import io.emporium.inventory.stock.model.Sku;
import io.emporium.inventory.stock.model.StockLevel;
import io.emporium.inventory.stock.model.StockLevels;
import io.emporium.platform.transaction.Transactions;

/**
 * Just enough of a store for unit and slice tests: stock levels and reservations in maps, "transactions" that only
 * serialise, and replies recorded as text ({@code reserved order-1}, {@code rejected order-1 insufficient stock
 * [SKU-1]}, ...). Locks are not modelled: the real ones are proven against PostgreSQL.
 */
public final class InMemoryStore implements StockLevels, Reservations, ReservationReplies, Transactions {

    private final Map<Sku, StockLevel> stock = new TreeMap<>();
    private final Map<OrderId, Reservation> reservations = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    private final List<String> replies = new ArrayList<>();

    public InMemoryStore with(StockLevel... levels) {
        for (StockLevel level : levels) {
            stock.put(level.sku(), level);
        }
        return this;
    }

    public Warehouse warehouse() {
        return new Warehouse(this, this, this, this);
    }

    public List<String> replies() {
        return List.copyOf(replies);
    }

    // StockLevels

    @Override
    public Optional<StockLevel> bySku(Sku sku) {
        return Optional.ofNullable(stock.get(sku));
    }

    @Override
    public List<StockLevel> bySkus(Collection<Sku> skus) {
        return stock.values().stream().filter(level -> skus.contains(level.sku())).toList();
    }

    @Override
    public Map<Sku, StockLevel> lock(Collection<Sku> skus) {
        Map<Sku, StockLevel> locked = new TreeMap<>();
        bySkus(skus).forEach(level -> locked.put(level.sku(), level));
        return locked;
    }

    @Override
    public void update(Collection<StockLevel> levels) {
        for (StockLevel level : levels) {
            StockLevel before = stock.get(level.sku());
            if (before == null || before.total() != level.total()) {
                throw new IllegalStateException("A movement must keep the total of " + level.sku());
            }
            stock.put(level.sku(), level);
        }
    }

    @Override
    public void recount(StockLevel level) {
        stock.put(level.sku(), level);
    }

    // Reservations

    @Override
    public Optional<Reservation> byOrderId(OrderId orderId) {
        return Optional.ofNullable(reservations.get(orderId));
    }

    @Override
    public Optional<Reservation> lock(OrderId orderId) {
        return byOrderId(orderId);
    }

    @Override
    public void add(Reservation reservation) {
        if (reservations.putIfAbsent(reservation.orderId(), reservation) != null) {
            throw new IllegalStateException("Order " + reservation.orderId() + " already has a reservation");
        }
    }

    @Override
    public void update(Reservation reservation) {
        reservations.put(reservation.orderId(), reservation);
    }

    // ReservationReplies

    @Override
    public void reserved(OrderId orderId) {
        replies.add("reserved " + orderId);
    }

    @Override
    public void rejected(OrderId orderId, String reason, List<String> unavailableSkus) {
        replies.add("rejected " + orderId + " " + reason + " " + unavailableSkus);
    }

    @Override
    public void released(OrderId orderId) {
        replies.add("released " + orderId);
    }

    @Override
    public void committed(OrderId orderId) {
        replies.add("committed " + orderId);
    }

    // Transactions

    @Override
    public synchronized <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }
}
