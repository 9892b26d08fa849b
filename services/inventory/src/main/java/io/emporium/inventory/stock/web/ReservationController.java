package io.emporium.inventory.stock.web;

import io.emporium.inventory.stock.application.Warehouse;
import io.emporium.inventory.stock.model.OrderId;
import io.emporium.platform.web.NotFound;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders' reservations under {@code /api/inventory/reservations}, read-only (the order saga changes them) and for
 * administrators only ({@link InventoryAccessRules}).
 */
@RestController
@RequestMapping("/api/inventory/reservations")
class ReservationController {

    private final Warehouse warehouse;

    ReservationController(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @GetMapping("/{orderId}")
    ReservationResponse reservation(@PathVariable @Pattern(regexp = OrderId.FORMAT) String orderId) {
        return warehouse.reservation(new OrderId(orderId)).map(ReservationResponse::of)
                .orElseThrow(() -> NotFound.of("reservation", "for order " + orderId));
    }
}
