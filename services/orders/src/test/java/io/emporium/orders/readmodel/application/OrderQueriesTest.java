package io.emporium.orders.readmodel.application;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.emporium.orders.order.model.CustomerId;
import io.emporium.orders.order.model.Money;
import io.emporium.orders.order.model.Order;
import io.emporium.orders.order.model.OrderEvent;
import io.emporium.orders.order.model.OrderEvents;
import io.emporium.orders.order.model.OrderId;
import io.emporium.orders.order.model.OrderLine;
import io.emporium.orders.readmodel.model.OrderPage;
import io.emporium.orders.readmodel.model.OrderView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the query side answers from: the read model, or the event store for an order it has not reached yet. */
class OrderQueriesTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    final Order order = Order.place(OrderId.random(), new CustomerId("alice"),
            List.of(new OrderLine("SKU-000001", 2, new Money(new BigDecimal("10.00"), "EUR"))), T0);
    final UUID orderId = order.id().value();
    final List<OrderEvent> stored = order.uncommittedEvents();
    final Map<UUID, OrderView> projected = new HashMap<>();
    final Map<String, OrderPage> pages = new HashMap<>();
    int rebuilds;

    final OrderQueries queries = new OrderQueries(new OrderReadModel() {
        @Override
        public Optional<OrderView> find(UUID id) {
            return Optional.ofNullable(projected.get(id));
        }

        @Override
        public OrderPage byCustomer(String customerId, int page, int size) {
            return pages.getOrDefault(customerId + "/" + page + "/" + size, new OrderPage(List.of(), page, size, 0));
        }
    }, new OrderEvents() {
        @Override
        public List<OrderEvent> stream(OrderId id) {
            return id.value().equals(orderId) ? stored : List.of();
        }

        @Override
        public void append(Order changed) {
            throw new UnsupportedOperationException("the query side never writes events");
        }
    }, () -> rebuilds++);

    @Test
    void anOrderTheReadModelHasNotReachedYetIsProjectedFromItsEvents() {
        Optional<OrderView> found = queries.order(orderId);

        assertThat(found).contains(OrderView.of(stored));
        assertThat(found.orElseThrow().status()).isEqualTo("PLACED");
    }

    @Test
    void anOrderTheReadModelHoldsIsAnsweredFromIt() {
        OrderView projectedView = OrderView.of(stored);
        projected.put(orderId, projectedView);

        assertThat(queries.order(orderId)).containsSame(projectedView);
    }

    @Test
    void anOrderThatWasNeverPlacedIsNotFound() {
        assertThat(queries.order(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aCustomersOrdersArePagedByTheReadModel() {
        OrderPage second = new OrderPage(List.of(OrderView.of(stored)), 1, 1, 3);
        pages.put("alice/1/1", second);

        assertThat(queries.ordersOf("alice", 1, 1)).isSameAs(second);
        assertThat(second.totalPages()).isEqualTo(3);
        assertThat(queries.ordersOf("bob", 0, 20).content()).isEmpty();
    }

    @Test
    void aRebuildIsLeftToTheProjection() {
        queries.rebuildReadModel();

        assertThat(rebuilds).isEqualTo(1);
    }
}
