package io.emporium.shipping.shipment.model;

import java.util.Optional;

/** Every shipment, at most one per order. All methods need an active transaction. */
public interface Shipments {

    /**
     * Serializes every change about one order across threads and service instances: blocks until no other
     * transaction holds the order, and holds it until the current transaction ends. Call it before reading what
     * you are about to decide on.
     */
    void lockOrder(OrderId orderId);

    Optional<Shipment> byOrder(OrderId orderId);

    /**
     * Stores a new shipment.
     *
     * @throws RuntimeException (a data-access exception) if the order already has a shipment
     */
    void add(Shipment shipment);

    /**
     * Stores the shipment's new status.
     *
     * @throws RuntimeException (an optimistic-locking exception) if it was changed since it was loaded
     */
    void update(Shipment shipment);
}
