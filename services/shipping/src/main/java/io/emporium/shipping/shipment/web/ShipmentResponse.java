package io.emporium.shipping.shipment.web;

import java.time.Instant;
import java.util.List;

import io.emporium.shipping.shipment.model.Shipment;

/**
 * A shipment as the REST API shows it:
 * {@code {"shipmentId", "orderId", "customerId", "status", "lines": [{"sku", "quantity"}], "createdAt"}}.
 */
record ShipmentResponse(String shipmentId, String orderId, String customerId, String status, List<Line> lines,
        Instant createdAt) {

    record Line(String sku, int quantity) {
    }

    static ShipmentResponse of(Shipment shipment) {
        return new ShipmentResponse(shipment.id().toString(), shipment.orderId().value(),
                shipment.customerId().value(), shipment.status().name(),
                shipment.lines().stream().map(line -> new Line(line.sku(), line.quantity())).toList(),
                shipment.createdAt());
    }
}
