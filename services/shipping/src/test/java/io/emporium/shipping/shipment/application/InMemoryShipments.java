package io.emporium.shipping.shipment.application;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.emporium.shipping.shipment.model.CancelledOrders;
import io.emporium.shipping.shipment.model.OrderId;
import io.emporium.shipping.shipment.model.Shipment;
import io.emporium.shipping.shipment.model.Shipments;

/**
 * Shipments and cancelled orders in memory, for tests of the use cases and the REST adapter. Stores snapshots, as a
 * database would: a change is visible only after {@link #update}. Not thread-safe; locking only counts.
 */
public final class InMemoryShipments implements Shipments, CancelledOrders {

    private final Map<OrderId, Shipment> byOrder = new LinkedHashMap<>();
    private final Map<OrderId, String> cancelled = new LinkedHashMap<>();
    private int locks;

    @Override
    public void lockOrder(OrderId orderId) {
        locks++;
    }

    @Override
    public Optional<Shipment> byOrder(OrderId orderId) {
        return Optional.ofNullable(byOrder.get(orderId)).map(shipment -> copy(shipment, shipment.version()));
    }

    @Override
    public void add(Shipment shipment) {
        if (byOrder.putIfAbsent(shipment.orderId(), copy(shipment, 0)) != null) {
            throw new IllegalStateException("Order " + shipment.orderId() + " already has a shipment");
        }
    }

    @Override
    public void update(Shipment shipment) {
        Shipment stored = byOrder.get(shipment.orderId());
        if (stored == null || stored.version() != shipment.version()) {
            throw new IllegalStateException("Stale " + shipment);
        }
        byOrder.put(shipment.orderId(), copy(shipment, shipment.version() + 1));
    }

    @Override
    public boolean contains(OrderId orderId) {
        return cancelled.containsKey(orderId);
    }

    @Override
    public void add(OrderId orderId, String reason, Instant at) {
        cancelled.putIfAbsent(orderId, reason);
    }

    public int count() {
        return byOrder.size();
    }

    public int locksTaken() {
        return locks;
    }

    private static Shipment copy(Shipment shipment, int version) {
        return Shipment.restore(shipment.id(), shipment.orderId(), shipment.customerId(), shipment.lines(),
                shipment.status(), shipment.rejectionReason(), shipment.createdAt(), version);
    }
}
