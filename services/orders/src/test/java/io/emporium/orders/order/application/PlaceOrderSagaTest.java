package io.emporium.orders.order.application;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.orders.order.model.CustomerId;
import io.emporium.orders.order.model.Money;
import io.emporium.orders.order.model.Order;
import io.emporium.orders.order.model.OrderId;
import io.emporium.orders.order.model.OrderLine;
import io.emporium.orders.order.model.OrderStatus;
import io.emporium.orders.saga.model.Command;
import io.emporium.orders.saga.model.SagaDefinition;
import io.emporium.orders.saga.model.SagaDefinition.Transition;
import io.emporium.orders.saga.model.SagaInstance;
import io.emporium.orders.saga.model.SagaStatus;
import io.emporium.payments.api.PaymentMessages;
import io.emporium.shipping.api.ShippingMessages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fulfilment saga as a state machine: which commands go out, and what happens to the order, for each reply. */
class PlaceOrderSagaTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    final SagaDefinition<Order> saga = PlaceOrderSaga.definition(Duration.ofSeconds(30));
    Order order;
    String id;

    @BeforeEach
    void place() {
        order = Order.place(OrderId.random(), new CustomerId("alice"),
                List.of(new OrderLine("SKU-000001", 2, new Money(new BigDecimal("10.00"), "EUR"))), T0);
        id = order.id().toString();
    }

    @Test
    void startsByReservingStockWithADeadline() {
        Transition started = saga.start(id, order, T0);
        assertThat(types(started)).containsExactly(InventoryMessages.ReserveStock.TYPE);
        assertThat(started.instance().deadline()).isEqualTo(T0.plusSeconds(30));
        assertThat(started.instance().status()).isEqualTo(SagaStatus.RUNNING);
    }

    @Test
    void confirmsAfterEveryStepSucceededAndThenCommitsStockAndCapturesPayment() {
        SagaInstance instance = saga.start(id, order, T0).instance();
        Transition afterStock = saga.onReply(instance, order, new InventoryMessages.StockReserved(id), T0);
        assertThat(types(afterStock)).containsExactly(PaymentMessages.AuthorizePayment.TYPE);
        Transition afterPayment = saga.onReply(afterStock.instance(), order,
                new PaymentMessages.PaymentAuthorized(id, "pay-1"), T0);
        assertThat(types(afterPayment)).containsExactly(ShippingMessages.CreateShipment.TYPE);
        Transition done = saga.onReply(afterPayment.instance(), order,
                new ShippingMessages.ShipmentCreated(id, "ship-1"), T0);

        assertThat(types(done)).containsExactly(InventoryMessages.CommitStock.TYPE, PaymentMessages.CapturePayment.TYPE);
        assertThat(done.instance().status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void outOfStockCancelsWithoutAnythingToCompensate() {
        SagaInstance instance = saga.start(id, order, T0).instance();
        Transition failed = saga.onReply(instance, order,
                new InventoryMessages.StockReservationRejected(id, "SKU-000001 short", List.of("SKU-000001")), T0);
        assertThat(failed.commands()).isEmpty();
        assertThat(failed.instance().status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancelReason()).startsWith("out of stock");
    }

    @Test
    void releasesStockWhenPaymentIsDeclined() {
        SagaInstance instance = saga.onReply(saga.start(id, order, T0).instance(), order,
                new InventoryMessages.StockReserved(id), T0).instance();
        Transition failed = saga.onReply(instance, order, new PaymentMessages.PaymentDeclined(id, "card declined"), T0);
        assertThat(types(failed)).containsExactly(InventoryMessages.ReleaseStock.TYPE);
        assertThat(((InventoryMessages.ReleaseStock) failed.commands().getFirst().data()).reason())
                .isEqualTo("payment declined: card declined");
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void voidsPaymentThenReleasesStockWhenShippingFails() {
        SagaInstance instance = saga.start(id, order, T0).instance();
        instance = saga.onReply(instance, order, new InventoryMessages.StockReserved(id), T0).instance();
        instance = saga.onReply(instance, order, new PaymentMessages.PaymentAuthorized(id, "pay-1"), T0).instance();
        Transition failed = saga.onReply(instance, order, new ShippingMessages.ShipmentRejected(id, "too big"), T0);
        assertThat(types(failed)).containsExactly(PaymentMessages.VoidPayment.TYPE, InventoryMessages.ReleaseStock.TYPE);
        assertThat(types(failed)).doesNotContain(PaymentMessages.CapturePayment.TYPE);
        assertThat(order.cancelReason()).isEqualTo("shipment rejected: too big");
    }

    @Test
    void aStepWithoutReplyInTimeIsCompensatedIncludingItself() {
        SagaInstance instance = saga.start(id, order, T0).instance();
        instance = saga.onReply(instance, order, new InventoryMessages.StockReserved(id), T0).instance();

        assertThat(saga.onDeadline(instance, order, T0.plusSeconds(29)).changed()).isFalse();
        Transition expired = saga.onDeadline(instance, order, T0.plusSeconds(31));

        assertThat(types(expired)).containsExactly(PaymentMessages.VoidPayment.TYPE, InventoryMessages.ReleaseStock.TYPE);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancelReason()).contains("authorize payment");
    }

    @Test
    void duplicateAndLateRepliesChangeNothing() {
        SagaInstance waitingForPayment = saga.onReply(saga.start(id, order, T0).instance(), order,
                new InventoryMessages.StockReserved(id), T0).instance();
        assertThat(saga.onReply(waitingForPayment, order, new InventoryMessages.StockReserved(id), T0).changed()).isFalse();

        SagaInstance cancelled = saga.onReply(waitingForPayment, order,
                new PaymentMessages.PaymentDeclined(id, "declined"), T0).instance();
        assertThat(saga.onReply(cancelled, order, new PaymentMessages.PaymentAuthorized(id, "late"), T0).changed()).isFalse();
        assertThat(saga.onDeadline(cancelled, order, T0.plusSeconds(3600)).changed()).isFalse();
    }

    @Test
    void listensToEveryReplyTypeOfItsSteps() {
        assertThat(saga.replyTypes()).containsOnlyKeys(InventoryMessages.StockReserved.TYPE,
                InventoryMessages.StockReservationRejected.TYPE, PaymentMessages.PaymentAuthorized.TYPE,
                PaymentMessages.PaymentDeclined.TYPE, ShippingMessages.ShipmentCreated.TYPE,
                ShippingMessages.ShipmentRejected.TYPE);
    }

    private static List<String> types(Transition transition) {
        return transition.commands().stream().map(Command::type).toList();
    }
}
