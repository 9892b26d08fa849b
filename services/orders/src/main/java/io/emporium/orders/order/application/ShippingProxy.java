package io.emporium.orders.order.application;

import io.emporium.orders.order.model.Order;
import io.emporium.platform.saga.Command;
import io.emporium.shipping.api.ShippingMessages;
import io.emporium.shipping.api.ShippingMessages.CancelShipment;
import io.emporium.shipping.api.ShippingMessages.CreateShipment;
import io.emporium.shipping.api.ShippingMessages.Line;

/** The shipping service as the saga sees it: the commands it accepts about an order. */
final class ShippingProxy {

    private ShippingProxy() {
    }

    static Command createShipment(Order order) {
        return new Command(ShippingMessages.COMMANDS, CreateShipment.TYPE, new CreateShipment(order.id().toString(),
                order.customerId().value(),
                order.lines().stream().map(line -> new Line(line.sku(), line.quantity())).toList()));
    }

    static Command cancelShipment(Order order) {
        return new Command(ShippingMessages.COMMANDS, CancelShipment.TYPE,
                new CancelShipment(order.id().toString(), String.valueOf(order.cancelReason())));
    }
}
