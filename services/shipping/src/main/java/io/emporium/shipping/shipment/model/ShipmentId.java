package io.emporium.shipping.shipment.model;

import java.util.Objects;
import java.util.UUID;

/** A shipment's identity: a random UUID, chosen by this service when the shipment is first requested. */
public record ShipmentId(UUID value) {

    public ShipmentId {
        Objects.requireNonNull(value, "value");
    }

    public static ShipmentId random() {
        return new ShipmentId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
