package io.emporium.orders.readmodel.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.emporium.orders.order.model.Money;
import io.emporium.orders.order.model.Order;
import io.emporium.orders.order.model.OrderEvent;
import io.emporium.orders.order.model.OrderLine;
import org.jspecify.annotations.Nullable;

/**
 * What the query side knows about an order: a summary and its status timeline. It is a pure function of the
 * order's event stream ({@link #of}), which is what makes the read model rebuildable at any time.
 */
public record OrderView(String orderId, String customerId, String status, List<OrderLine> lines, Money total,
        @Nullable String paymentId, @Nullable String shipmentId, @Nullable String cancelReason, Instant placedAt,
        Instant updatedAt, int version, List<TimelineEntry> timeline) {

    /** One step of the order's life: the status it led to, the event, when, and what it said. */
    public record TimelineEntry(int version, String status, String event, Instant at, @Nullable String detail) {
    }

    /** The view of an order from its full event stream, oldest event first. */
    public static OrderView of(List<OrderEvent> stream) {
        List<TimelineEntry> timeline = new ArrayList<>();
        for (int i = 0; i < stream.size(); i++) {
            OrderEvent event = stream.get(i);
            Order upToHere = Order.rebuild(stream.subList(0, i + 1));
            timeline.add(new TimelineEntry(i + 1, upToHere.status().name(), event.getClass().getSimpleName(),
                    event.at(), detailOf(event)));
        }
        Order order = Order.rebuild(stream);
        return new OrderView(order.id().toString(), order.customerId().value(), order.status().name(), order.lines(),
                order.total(), order.paymentId(), order.shipmentId(), order.cancelReason(), order.placedAt(),
                stream.getLast().at(), order.version(), List.copyOf(timeline));
    }

    private static @Nullable String detailOf(OrderEvent event) {
        return switch (event) {
            case OrderEvent.PaymentAuthorized authorized -> "payment " + authorized.paymentId();
            case OrderEvent.ShipmentScheduled scheduled -> "shipment " + scheduled.shipmentId();
            case OrderEvent.PaymentCaptured captured -> "payment " + captured.paymentId() + " captured";
            case OrderEvent.OrderCancelled cancelled -> cancelled.reason();
            default -> null;
        };
    }
}
