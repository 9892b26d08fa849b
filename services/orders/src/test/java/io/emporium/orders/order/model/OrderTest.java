package io.emporium.orders.order.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final CustomerId ALICE = new CustomerId("alice");

    static Order placed() {
        return Order.place(OrderId.random(), ALICE, List.of(
                new OrderLine("SKU-000001", 2, new Money(new BigDecimal("13.99"), "EUR")),
                new OrderLine("SKU-000002", 1, new Money(new BigDecimal("5.00"), "EUR"))), T0);
    }

    @Test
    void placingTotalsTheLinesAndRecordsOneEvent() {
        Order order = placed();
        assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(order.total()).isEqualTo(new Money(new BigDecimal("32.98"), "EUR"));
        assertThat(order.uncommittedEvents()).singleElement().isInstanceOf(OrderEvent.OrderPlaced.class);
        assertThat(order.version()).isEqualTo(1);
        assertThat(order.committedVersion()).isZero();
    }

    @Test
    void refusesEmptyOrdersRepeatedSkusAndMixedCurrencies() {
        OrderId id = OrderId.random();
        Money eur = new Money(BigDecimal.ONE, "EUR");
        assertThatThrownBy(() -> Order.place(id, ALICE, List.of(), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Order.place(id, ALICE, List.of(new OrderLine("A", 1, eur), new OrderLine("A", 2, eur)), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Order.place(id, ALICE, List.of(new OrderLine("A", 1, eur),
                new OrderLine("B", 1, new Money(BigDecimal.ONE, "USD"))), T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rebuildingFromItsEventsGivesTheSameState() {
        Order order = placed();
        order.stockReserved(T0);
        order.paymentAuthorized("pay-1", T0);
        order.shipmentScheduled("ship-1", T0);
        order.paymentCaptured("pay-1", T0);
        order.confirm(T0);

        Order rebuilt = Order.rebuild(order.uncommittedEvents());

        assertThat(rebuilt.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(rebuilt.paymentId()).isEqualTo("pay-1");
        assertThat(rebuilt.shipmentId()).isEqualTo("ship-1");
        assertThat(rebuilt.version()).isEqualTo(6);
        assertThat(rebuilt.committedVersion()).isEqualTo(6);
        assertThat(rebuilt.uncommittedEvents()).isEmpty();
    }

    @Test
    void stepsMustHappenInOrder() {
        Order order = placed();
        assertThatThrownBy(() -> order.paymentAuthorized("pay-1", T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> order.confirm(T0)).isInstanceOf(IllegalStateException.class);
        assertThat(order.uncommittedEvents()).hasSize(1);
    }

    @Test
    void anOrderIsConfirmedOnlyOnceItsPaymentWasCaptured() {
        Order order = placed();
        order.stockReserved(T0);
        order.paymentAuthorized("pay-1", T0);
        order.shipmentScheduled("ship-1", T0);

        assertThatThrownBy(() -> order.confirm(T0)).isInstanceOf(IllegalStateException.class);
        order.paymentCaptured("pay-1", T0);
        assertThat(order.status()).isEqualTo(OrderStatus.PAYMENT_CAPTURED);
        order.confirm(T0);
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void anOrderWhosePaymentWasCapturedCannotBeCancelled() {
        Order order = placed();
        order.stockReserved(T0);
        order.paymentAuthorized("pay-1", T0);
        order.shipmentScheduled("ship-1", T0);
        order.paymentCaptured("pay-1", T0);

        assertThatThrownBy(() -> order.cancel("too late", T0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PAYMENT_CAPTURED");
        assertThat(order.status()).isEqualTo(OrderStatus.PAYMENT_CAPTURED);
    }

    @Test
    void aFinalOrderCannotBeCancelled() {
        Order order = placed();
        order.cancel("payment declined", T0);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancelReason()).isEqualTo("payment declined");
        assertThatThrownBy(() -> order.cancel("again", T0)).isInstanceOf(IllegalStateException.class);
        List<OrderEvent> events = new ArrayList<>(order.uncommittedEvents());
        assertThat(events).hasSize(2);
    }
}
