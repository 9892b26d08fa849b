package io.emporium.orders.order.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.emporium.orders.order.model.CustomerId;
import io.emporium.orders.order.model.Money;
import io.emporium.orders.order.model.Order;
import io.emporium.orders.order.model.OrderEvent;
import io.emporium.orders.order.model.OrderEvents.ConcurrentOrderChange;
import io.emporium.orders.order.model.OrderId;
import io.emporium.orders.order.model.OrderLine;
import io.emporium.orders.order.model.OrderStatus;
import io.emporium.platform.test.postgres.PostgresTestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/** The event store on a real PostgreSQL database: append-only streams with optimistic concurrency. */
class JdbcOrderEventsTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.shared("orders_events");
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private static JdbcOrderEvents events;

    @BeforeAll
    static void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(DATABASE.url(), DATABASE.username(),
                DATABASE.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        events = new JdbcOrderEvents(JdbcClient.create(dataSource), JsonMapper.builder().build());
    }

    @Test
    void anOrderIsRebuiltFromItsStreamWithTheSameState() {
        Order placed = place();
        events.append(placed);
        Order loaded = events.load(placed.id()).orElseThrow();
        loaded.stockReserved(T0.plusSeconds(1));
        loaded.paymentAuthorized("pay-1", T0.plusSeconds(2));
        events.append(loaded);

        Order rebuilt = events.load(placed.id()).orElseThrow();

        assertThat(events.stream(placed.id())).extracting(event -> event.getClass().getSimpleName())
            .containsExactly("OrderPlaced", "StockReserved", "PaymentAuthorized");
        assertThat(rebuilt.status()).isEqualTo(OrderStatus.PAYMENT_AUTHORIZED);
        assertThat(rebuilt.paymentId()).isEqualTo("pay-1");
        assertThat(rebuilt.total()).isEqualTo(placed.total());
        assertThat(rebuilt.committedVersion()).isEqualTo(3);
        assertThat(rebuilt.uncommittedEvents()).isEmpty();
    }

    @Test
    void theSecondOfTwoWritersThatLoadedTheSameVersionIsRefusedAndAppendsNothing() {
        Order placed = place();
        events.append(placed);
        Order first = events.load(placed.id()).orElseThrow();
        Order second = events.load(placed.id()).orElseThrow();
        first.stockReserved(T0.plusSeconds(1));
        second.cancel("changed my mind", T0.plusSeconds(1));

        events.append(first);

        assertThatThrownBy(() -> events.append(second)).isInstanceOf(ConcurrentOrderChange.class)
            .hasMessageContaining("expected version 1");
        List<OrderEvent> stream = events.stream(placed.id());
        assertThat(stream).hasSize(2).element(1).isInstanceOf(OrderEvent.StockReserved.class);
    }

    @Test
    void aCapturedPaymentIsStoredAndReadBack() {
        Order order = place();
        order.stockReserved(T0);
        order.paymentAuthorized("pay-1", T0);
        order.shipmentScheduled("ship-1", T0);
        order.paymentCaptured("pay-1", T0.plusSeconds(3));
        events.append(order);

        assertThat(events.stream(order.id())).last()
            .isEqualTo(new OrderEvent.PaymentCaptured(order.id(), "pay-1", T0.plusSeconds(3)));
        assertThat(events.load(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.PAYMENT_CAPTURED);
    }

    @Test
    void anUnknownOrderHasNoStream() {
        assertThat(events.load(OrderId.random())).isEmpty();
    }

    private static Order place() {
        return Order.place(OrderId.random(), new CustomerId("alice"), List.of(
                new OrderLine("SKU-000001", 2, new Money(new BigDecimal("13.99"), "EUR"))), T0);
    }
}
