package io.emporium.shipping.shipment.model;

/**
 * Where a shipment is in its life:
 * <pre>
 * CREATED --cancel--> CANCELLED
 * REJECTED (final: a shipping rule refused the order)
 * </pre>
 */
public enum ShipmentStatus {
    CREATED, CANCELLED, REJECTED
}
