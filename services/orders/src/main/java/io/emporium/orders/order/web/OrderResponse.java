package io.emporium.orders.order.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.emporium.orders.readmodel.model.OrderView;
import org.jspecify.annotations.Nullable;

/** An order as the API shows it: summary, lines, and its status timeline. */
record OrderResponse(String id, String customerId, String status, List<Item> items, Amount total,
        @Nullable String paymentId, @Nullable String shipmentId, @Nullable String cancelReason, Instant placedAt,
        Instant updatedAt, List<TimelineEntry> timeline) {

    record Item(String sku, int quantity, BigDecimal unitPrice) {
    }

    record Amount(BigDecimal amount, String currency) {
    }

    record TimelineEntry(String status, String event, Instant at, @Nullable String detail) {
    }

    static OrderResponse of(OrderView view) {
        return new OrderResponse(view.orderId(), view.customerId(), view.status(),
                view.lines().stream().map(line -> new Item(line.sku(), line.quantity(), line.unitPrice().amount()))
                        .toList(),
                new Amount(view.total().amount(), view.total().currency()), view.paymentId(), view.shipmentId(),
                view.cancelReason(), view.placedAt(), view.updatedAt(),
                view.timeline().stream().map(entry -> new TimelineEntry(entry.status(), entry.event(), entry.at(),
                        entry.detail())).toList());
    }
}
