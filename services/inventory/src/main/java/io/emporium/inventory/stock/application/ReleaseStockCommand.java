package io.emporium.inventory.stock.application;

import java.util.Objects;

import io.emporium.inventory.stock.model.OrderId;

/** Compensation: give an order's reserved units back. */
public record ReleaseStockCommand(OrderId orderId, String reason) {

    public ReleaseStockCommand {
        Objects.requireNonNull(orderId, "orderId");
        reason = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
    }
}
