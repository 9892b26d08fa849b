package io.emporium.inventory.stock.web;

import java.util.List;

import io.emporium.inventory.stock.model.Reservation;
import org.jspecify.annotations.Nullable;

/**
 * An order's reservation:
 * {@code {"orderId", "status": "RESERVED|RELEASED|COMMITTED|REJECTED", "lines": [{"sku", "quantity"}],
 * "reason": null or text, "unavailableSkus": [...]}}.
 */
record ReservationResponse(String orderId, String status, List<LineResponse> lines, @Nullable String reason,
        List<String> unavailableSkus) {

    record LineResponse(String sku, long quantity) {
    }

    static ReservationResponse of(Reservation reservation) {
        return new ReservationResponse(reservation.orderId().value(), reservation.status().name(),
                reservation.lines().stream().map(line -> new LineResponse(line.sku().value(), line.quantity())).toList(),
                reservation.reason(), reservation.unavailableSkus());
    }
}
