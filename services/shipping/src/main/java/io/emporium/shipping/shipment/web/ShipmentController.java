package io.emporium.shipping.shipment.web;

import io.emporium.platform.security.Caller;
import io.emporium.platform.web.NotFound;
import io.emporium.shipping.shipment.application.ShippingDesk;
import io.emporium.shipping.shipment.model.OrderId;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shipping REST API under {@code /api/shipping} (the gateway forwards that prefix unchanged), for callers with a
 * valid token. Read-only: shipments change only on the order saga's commands. A customer sees only their own
 * shipments. A malformed order id is a 400 problem, an unknown one 404.
 */
@RestController
@RequestMapping("/api/shipping")
class ShipmentController {

    private final ShippingDesk desk;

    ShipmentController(ShippingDesk desk) {
        this.desk = desk;
    }

    /**
     * The order's shipment, whatever its status, for its customer or an administrator. 404 if the order has none,
     * and the very same 404 if the shipment is another customer's: whether someone else's order has a shipment is
     * not told.
     */
    @GetMapping("/orders/{orderId}")
    ShipmentResponse shipmentOfOrder(@PathVariable @Pattern(regexp = OrderId.FORMAT) String orderId, Caller caller) {
        return desk.shipmentOf(new OrderId(orderId))
                .filter(shipment -> caller.mayActFor(shipment.customerId().value()))
                .map(ShipmentResponse::of)
                .orElseThrow(() -> NotFound.of("shipment", "for order " + orderId));
    }
}
