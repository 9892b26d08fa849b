package io.emporium.inventory.stock.application;

import java.util.List;
import java.util.Objects;

import io.emporium.inventory.stock.model.OrderId;
import io.emporium.inventory.stock.model.RequestedLine;

/** Reserve all of an order's lines, or none. */
public record ReserveStockCommand(OrderId orderId, List<RequestedLine> lines) {

    public ReserveStockCommand {
        Objects.requireNonNull(orderId, "orderId");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("Order " + orderId + " asks to reserve no lines");
        }
    }
}
