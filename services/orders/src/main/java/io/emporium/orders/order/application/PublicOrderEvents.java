package io.emporium.orders.order.application;

import java.util.List;
import java.util.Optional;

import io.emporium.orders.api.OrderMessages;
import io.emporium.orders.order.model.Order;
import io.emporium.orders.order.model.OrderEvent;
import io.emporium.platform.saga.Command;

/**
 * Which of the order's internal events the rest of the system hears about, and in what shape: placed, confirmed,
 * cancelled. The internal steps (stock reserved, ...) stay private to the orders service.
 */
final class PublicOrderEvents {

    private PublicOrderEvents() {
    }

    static List<Command> of(Order order, List<OrderEvent> events) {
        return events.stream().map(event -> of(order, event)).flatMap(Optional::stream).toList();
    }

    private static Optional<Command> of(Order order, OrderEvent event) {
        String orderId = order.id().toString();
        String customerId = order.customerId().value();
        return switch (event) {
            case OrderEvent.OrderPlaced placed -> Optional.of(new Command(OrderMessages.EVENTS, OrderMessages.OrderPlaced.TYPE,
                    new OrderMessages.OrderPlaced(orderId, customerId, placed.lines().stream()
                            .map(line -> new OrderMessages.Line(line.sku(), line.quantity(), line.unitPrice().amount()))
                            .toList(), placed.total().amount(), placed.total().currency())));
            case OrderEvent.OrderConfirmed ignored -> Optional.of(new Command(OrderMessages.EVENTS,
                    OrderMessages.OrderConfirmed.TYPE, new OrderMessages.OrderConfirmed(orderId, customerId,
                            String.valueOf(order.shipmentId()))));
            case OrderEvent.OrderCancelled cancelled -> Optional.of(new Command(OrderMessages.EVENTS,
                    OrderMessages.OrderCancelled.TYPE, new OrderMessages.OrderCancelled(orderId, customerId,
                            cancelled.reason())));
            default -> Optional.empty();
        };
    }
}
