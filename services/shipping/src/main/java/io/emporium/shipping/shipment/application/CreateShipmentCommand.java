package io.emporium.shipping.shipment.application;

import java.util.List;
import java.util.Objects;

import io.emporium.shipping.shipment.model.CustomerId;
import io.emporium.shipping.shipment.model.OrderId;
import io.emporium.shipping.shipment.model.ShipmentLine;

/** Ship the order's lines (at least one) to the customer. */
public record CreateShipmentCommand(OrderId orderId, CustomerId customerId, List<ShipmentLine> lines) {

    public CreateShipmentCommand {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("A shipment needs at least one line");
        }
    }
}
