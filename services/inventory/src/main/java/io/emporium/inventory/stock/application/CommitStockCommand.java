package io.emporium.inventory.stock.application;

import java.util.Objects;

import io.emporium.inventory.stock.model.OrderId;

/** The order is confirmed: ship its reserved units. */
public record CommitStockCommand(OrderId orderId) {

    public CommitStockCommand {
        Objects.requireNonNull(orderId, "orderId");
    }
}
