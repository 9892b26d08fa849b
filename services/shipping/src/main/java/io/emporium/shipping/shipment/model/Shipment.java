package io.emporium.shipping.shipment.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The shipment of one order (at most one per order): the parcel's lines, for one customer. Its status moves only
 * along the transitions of {@link ShipmentStatus}, through methods that throw {@link IllegalShipmentTransition}
 * when the current status does not allow them.
 *
 * <p>Not thread-safe: load, change and store it within one transaction, with the order locked (see
 * {@link Shipments#lockOrder}).
 */
public final class Shipment {

    private final ShipmentId id;
    private final OrderId orderId;
    private final CustomerId customerId;
    private final List<ShipmentLine> lines;
    private final Instant createdAt;
    private final @Nullable String rejectionReason;
    private final int version;
    private ShipmentStatus status;

    private Shipment(ShipmentId id, OrderId orderId, CustomerId customerId, List<ShipmentLine> lines,
            ShipmentStatus status, @Nullable String rejectionReason, Instant createdAt, int version) {
        this.id = Objects.requireNonNull(id, "id");
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.lines = List.copyOf(lines);
        this.status = Objects.requireNonNull(status, "status");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.version = version;
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("A shipment has at least one line");
        }
        if ((status == ShipmentStatus.REJECTED) != (rejectionReason != null && !rejectionReason.isBlank())) {
            throw new IllegalArgumentException("A shipment has a rejection reason exactly when it is REJECTED");
        }
        this.rejectionReason = rejectionReason;
    }

    /** A shipment that will be sent. */
    public static Shipment create(ShipmentId id, OrderId orderId, CustomerId customerId, List<ShipmentLine> lines,
            Instant at) {
        return new Shipment(id, orderId, customerId, lines, ShipmentStatus.CREATED, null, at, 0);
    }

    /** A shipment that was refused, for {@code reason}; it will never be sent. */
    public static Shipment reject(ShipmentId id, OrderId orderId, CustomerId customerId, List<ShipmentLine> lines,
            String reason, Instant at) {
        return new Shipment(id, orderId, customerId, lines, ShipmentStatus.REJECTED, reason, at, 0);
    }

    /** A stored shipment, as it was; {@code version} is the store's optimistic-lock counter. */
    public static Shipment restore(ShipmentId id, OrderId orderId, CustomerId customerId, List<ShipmentLine> lines,
            ShipmentStatus status, @Nullable String rejectionReason, Instant createdAt, int version) {
        return new Shipment(id, orderId, customerId, lines, status, rejectionReason, createdAt, version);
    }

    /** CREATED -> CANCELLED: the order will not be confirmed, the parcel is not sent. */
    public void cancel() {
        if (status != ShipmentStatus.CREATED) {
            throw new IllegalShipmentTransition(id, status, "cancelled", ShipmentStatus.CREATED);
        }
        status = ShipmentStatus.CANCELLED;
    }

    public ShipmentId id() {
        return id;
    }

    public OrderId orderId() {
        return orderId;
    }

    public CustomerId customerId() {
        return customerId;
    }

    public List<ShipmentLine> lines() {
        return lines;
    }

    public ShipmentStatus status() {
        return status;
    }

    /** Why the shipment was rejected; {@code null} unless it is {@link ShipmentStatus#REJECTED}. */
    public @Nullable String rejectionReason() {
        return rejectionReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The version it was loaded with (0 for a new shipment); stores use it to detect concurrent changes. */
    public int version() {
        return version;
    }

    @Override
    public String toString() {
        return "Shipment " + id + " of order " + orderId + " (" + status + ")";
    }
}
