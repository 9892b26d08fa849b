package io.emporium.orders.readmodel.application;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.emporium.orders.order.model.OrderEvent;
import io.emporium.orders.order.model.OrderEvents;
import io.emporium.orders.order.model.OrderId;
import io.emporium.orders.readmodel.model.OrderPage;
import io.emporium.orders.readmodel.model.OrderView;

/**
 * The query side of orders. Reads come from the read model; an order the projector has not reached yet (placed a
 * few milliseconds ago) is projected on the fly from its event stream, so a client that just placed an order always
 * finds it, and an order that was never placed is never shown.
 */
public class OrderQueries {

    private final OrderReadModel readModel;
    private final OrderEvents events;
    private final OrderProjection projection;

    public OrderQueries(OrderReadModel readModel, OrderEvents events, OrderProjection projection) {
        this.readModel = readModel;
        this.events = events;
        this.projection = projection;
    }

    public Optional<OrderView> order(UUID orderId) {
        return readModel.find(orderId).or(() -> {
            List<OrderEvent> stream = events.stream(new OrderId(orderId));
            return stream.isEmpty() ? Optional.empty() : Optional.of(OrderView.of(stream));
        });
    }

    public OrderPage ordersOf(String customerId, int page, int size) {
        return readModel.byCustomer(customerId, page, size);
    }

    /** Drops the read model and rebuilds it from the event store (asynchronously, by the projector). */
    public void rebuildReadModel() {
        projection.rebuild();
    }
}
