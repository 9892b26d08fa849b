package io.emporium.orders.order.model;

import java.util.List;
import java.util.Optional;

/**
 * The event store of orders (a port): each order is an append-only stream of {@link OrderEvent}s.
 */
public interface OrderEvents {

    /** The order's events, oldest first; empty when no such order exists. */
    List<OrderEvent> stream(OrderId id);

    /**
     * Appends the order's uncommitted events if its stream is still at {@link Order#committedVersion()}.
     *
     * @throws ConcurrentOrderChange when someone else appended to the stream since it was loaded; nothing is appended
     */
    void append(Order order);

    default Optional<Order> load(OrderId id) {
        List<OrderEvent> history = stream(id);
        return history.isEmpty() ? Optional.empty() : Optional.of(Order.rebuild(history));
    }

    /** The stream moved on between load and append (optimistic concurrency). */
    final class ConcurrentOrderChange extends RuntimeException {

        public ConcurrentOrderChange(OrderId id, int expectedVersion) {
            super("order " + id + " changed concurrently (expected version " + expectedVersion + ")");
        }
    }
}
