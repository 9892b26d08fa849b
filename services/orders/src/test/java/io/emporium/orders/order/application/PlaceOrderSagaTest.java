package io.emporium.orders.order.application;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.orders.order.model.CustomerId;
import io.emporium.orders.order.model.Money;
import io.emporium.orders.order.model.Order;
import io.emporium.orders.order.model.OrderEvent;
import io.emporium.orders.order.model.OrderId;
import io.emporium.orders.order.model.OrderLine;
import io.emporium.orders.order.model.OrderStatus;
import io.emporium.payments.api.PaymentMessages;
import io.emporium.platform.saga.Command;
import io.emporium.platform.saga.ReplyVerdict;
import io.emporium.platform.saga.SagaDefinition;
import io.emporium.platform.saga.SagaDefinition.Transition;
import io.emporium.platform.saga.SagaInstance;
import io.emporium.platform.saga.SagaStatus;
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
    void capturesThePaymentAfterTheShipmentThenCommitsTheStockAndConfirmsOnlyThen() {
        SagaInstance instance = saga.start(id, order, T0).instance();
        Transition afterStock = saga.onReply(instance, order, new InventoryMessages.StockReserved(id), T0);
        assertThat(types(afterStock)).containsExactly(PaymentMessages.AuthorizePayment.TYPE);
        Transition afterPayment = saga.onReply(afterStock.instance(), order,
                new PaymentMessages.PaymentAuthorized(id, "pay-1"), T0);
        assertThat(types(afterPayment)).containsExactly(ShippingMessages.CreateShipment.TYPE);
        Transition afterShipment = saga.onReply(afterPayment.instance(), order,
                new ShippingMessages.ShipmentCreated(id, "ship-1"), T0);
        assertThat(types(afterShipment)).containsExactly(PaymentMessages.CapturePayment.TYPE);
        assertThat(order.status()).isEqualTo(OrderStatus.SHIPMENT_SCHEDULED);

        Transition afterCapture = saga.onReply(afterShipment.instance(), order,
                new PaymentMessages.PaymentCaptured(id, "pay-1"), T0);
        assertThat(types(afterCapture)).containsExactly(InventoryMessages.CommitStock.TYPE);
        assertThat(afterCapture.instance().status()).isEqualTo(SagaStatus.RUNNING);
        assertThat(order.status()).isEqualTo(OrderStatus.PAYMENT_CAPTURED);

        Transition done = saga.onReply(afterCapture.instance(), order, new InventoryMessages.StockCommitted(id), T0);
        assertThat(done.commands()).isEmpty();
        assertThat(done.instance().status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void aFailedCaptureCancelsTheShipmentVoidsThePaymentAndReleasesTheStockNewestFirst() {
        SagaInstance capturing = waitingForCapture();

        Transition failed = saga.onReply(capturing, order,
                new PaymentMessages.PaymentCaptureFailed(id, "capture refused by issuer"), T0);

        assertThat(types(failed)).containsExactly(ShippingMessages.CancelShipment.TYPE,
                PaymentMessages.VoidPayment.TYPE, InventoryMessages.ReleaseStock.TYPE);
        assertThat(failed.instance().status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancelReason()).isEqualTo("payment capture failed: capture refused by issuer");
    }

    @Test
    void aCaptureWithoutReplyInTimeIsCompensatedLikeAFailedOne() {
        SagaInstance capturing = waitingForCapture();

        Transition expired = saga.onDeadline(capturing, order, T0.plusSeconds(31));

        // the capture itself has no compensation: voiding the payment refunds a capture that overtook the deadline
        assertThat(types(expired)).containsExactly(ShippingMessages.CancelShipment.TYPE,
                PaymentMessages.VoidPayment.TYPE, InventoryMessages.ReleaseStock.TYPE);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancelReason()).isEqualTo("no reply to 'capture payment' within 30 s");
    }

    @Test
    void aCommitWithoutReplyInTimeIsSentAgainWithANewDeadlineAndNothingIsCompensated() {
        SagaInstance committing = saga.onReply(waitingForCapture(), order,
                new PaymentMessages.PaymentCaptured(id, "pay-1"), T0).instance();

        Transition retried = saga.onDeadline(committing, order, T0.plusSeconds(31));
        Transition retriedAgain = saga.onDeadline(retried.instance(), order, T0.plusSeconds(62));

        assertThat(types(retried)).containsExactly(InventoryMessages.CommitStock.TYPE);
        assertThat(retried.instance().status()).isEqualTo(SagaStatus.RUNNING);
        assertThat(retried.instance().deadline()).isEqualTo(T0.plusSeconds(61));
        assertThat(retried.instance().retries()).isEqualTo(1);
        assertThat(saga.stepName(retried.instance())).isEqualTo("commit stock");
        assertThat(types(retriedAgain)).containsExactly(InventoryMessages.CommitStock.TYPE);
        assertThat(retriedAgain.instance().retries()).isEqualTo(2);
        assertThat(order.status()).isEqualTo(OrderStatus.PAYMENT_CAPTURED);
        assertThat(order.uncommittedEvents()).noneMatch(event -> event instanceof OrderEvent.OrderCancelled);

        Transition done = saga.onReply(retriedAgain.instance(), order, new InventoryMessages.StockCommitted(id), T0);
        assertThat(done.instance().status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void theSecondAnswerToARepeatedCommitIsIgnoredAfterCompletion() {
        SagaInstance committing = saga.onReply(waitingForCapture(), order,
                new PaymentMessages.PaymentCaptured(id, "pay-1"), T0).instance();
        SagaInstance retried = saga.onDeadline(committing, order, T0.plusSeconds(31)).instance();
        SagaInstance completed = saga.onReply(retried, order, new InventoryMessages.StockCommitted(id), T0).instance();

        InventoryMessages.StockCommitted again = new InventoryMessages.StockCommitted(id);

        assertThat(saga.judge(completed, again)).isInstanceOf(ReplyVerdict.Ignore.class);
        assertThat(saga.onReply(completed, order, again, T0).changed()).isFalse();
        assertThat(order.uncommittedEvents()).filteredOn(event -> event instanceof OrderEvent.OrderConfirmed).hasSize(1);
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
    void theAcknowledgementsOfCompensationsAreIgnoredWhereverTheSagaIs() {
        SagaInstance running = saga.start(id, order, T0).instance();
        SagaInstance cancelled = saga.onReply(running, order,
                new InventoryMessages.StockReservationRejected(id, "short", List.of("SKU-000001")), T0).instance();

        for (Object acknowledgement : List.of(new InventoryMessages.StockReleased(id), new PaymentMessages.PaymentVoided(id),
                new ShippingMessages.ShipmentCancelled(id))) {
            assertThat(saga.judge(running, acknowledgement)).isInstanceOf(ReplyVerdict.Ignore.class);
            assertThat(saga.judge(cancelled, acknowledgement)).isInstanceOf(ReplyVerdict.Ignore.class);
            assertThat(saga.judge(null, acknowledgement)).isInstanceOf(ReplyVerdict.Ignore.class);
        }
    }

    @Test
    void aReplyForAnotherStepIsRefusedNamingWhatTheSagaWaitsFor() {
        SagaInstance waitingForPayment = saga.onReply(saga.start(id, order, T0).instance(), order,
                new InventoryMessages.StockReserved(id), T0).instance();

        assertThat(saga.judge(waitingForPayment, new ShippingMessages.ShipmentCreated(id, "ship-1")))
                .isEqualTo(new ReplyVerdict.Refuse("ShipmentCreated is not what the saga waits for: it waits at "
                        + "'authorize payment' for PaymentAuthorized or PaymentDeclined"));
        assertThat(saga.judge(waitingForPayment, new InventoryMessages.StockReserved(id)))
                .isInstanceOf(ReplyVerdict.Refuse.class);
    }

    @Test
    void aReplyWithoutSagaIsRefused() {
        assertThat(saga.judge(null, new PaymentMessages.PaymentAuthorized(id, "pay-1")))
                .isEqualTo(new ReplyVerdict.Refuse("there is no place-order saga for this PaymentAuthorized"));
    }

    @Test
    void aLateReplyAfterTheDeadlineIsRefusedSayingTheSagaEndedAtItsDeadline() {
        SagaInstance waitingForShipment = saga.onReply(saga.onReply(saga.start(id, order, T0).instance(), order,
                new InventoryMessages.StockReserved(id), T0).instance(), order,
                new PaymentMessages.PaymentAuthorized(id, "pay-1"), T0).instance();
        SagaInstance timedOut = saga.onDeadline(waitingForShipment, order, T0.plusSeconds(31)).instance();

        ReplyVerdict late = saga.judge(timedOut, new ShippingMessages.ShipmentCreated(id, "ship-1"));

        assertThat(late).isEqualTo(new ReplyVerdict.Refuse("ShipmentCreated for 'create shipment' came too late: "
                + "the saga already ended COMPENSATED (no reply to 'create shipment' within 30 s)"));
    }

    @Test
    void receivesTheRepliesOfEveryStepAndTheAcknowledgementsOfItsCompensations() {
        assertThat(saga.replyTypes()).containsOnlyKeys(InventoryMessages.StockReserved.TYPE,
                InventoryMessages.StockReservationRejected.TYPE, PaymentMessages.PaymentAuthorized.TYPE,
                PaymentMessages.PaymentDeclined.TYPE, ShippingMessages.ShipmentCreated.TYPE,
                ShippingMessages.ShipmentRejected.TYPE, PaymentMessages.PaymentCaptured.TYPE,
                PaymentMessages.PaymentCaptureFailed.TYPE, InventoryMessages.StockCommitted.TYPE,
                InventoryMessages.StockReleased.TYPE, PaymentMessages.PaymentVoided.TYPE,
                ShippingMessages.ShipmentCancelled.TYPE);
    }

    @Test
    void onlyCommittingTheStockIsRetried() {
        assertThat(saga.retriableSteps()).containsExactly("commit stock");
    }

    /** The saga of {@link #order} after every step before the capture succeeded. */
    private SagaInstance waitingForCapture() {
        SagaInstance instance = saga.start(id, order, T0).instance();
        instance = saga.onReply(instance, order, new InventoryMessages.StockReserved(id), T0).instance();
        instance = saga.onReply(instance, order, new PaymentMessages.PaymentAuthorized(id, "pay-1"), T0).instance();
        return saga.onReply(instance, order, new ShippingMessages.ShipmentCreated(id, "ship-1"), T0).instance();
    }

    private static List<String> types(Transition transition) {
        return transition.commands().stream().map(Command::type).toList();
    }
}
