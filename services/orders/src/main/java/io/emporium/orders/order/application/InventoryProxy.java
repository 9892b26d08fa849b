package io.emporium.orders.order.application;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.inventory.api.InventoryMessages.CommitStock;
import io.emporium.inventory.api.InventoryMessages.Line;
import io.emporium.inventory.api.InventoryMessages.ReleaseStock;
import io.emporium.inventory.api.InventoryMessages.ReserveStock;
import io.emporium.orders.order.model.Order;
import io.emporium.platform.saga.Command;

/** The inventory service as the saga sees it: the commands it accepts about an order. */
final class InventoryProxy {

    private InventoryProxy() {
    }

    static Command reserveStock(Order order) {
        return new Command(InventoryMessages.COMMANDS, ReserveStock.TYPE, new ReserveStock(order.id().toString(),
                order.lines().stream().map(line -> new Line(line.sku(), line.quantity())).toList()));
    }

    static Command releaseStock(Order order) {
        return new Command(InventoryMessages.COMMANDS, ReleaseStock.TYPE,
                new ReleaseStock(order.id().toString(), String.valueOf(order.cancelReason())));
    }

    static Command commitStock(Order order) {
        return new Command(InventoryMessages.COMMANDS, CommitStock.TYPE, new CommitStock(order.id().toString()));
    }
}
