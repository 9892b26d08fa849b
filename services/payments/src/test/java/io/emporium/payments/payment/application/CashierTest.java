package io.emporium.payments.payment.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.emporium.payments.payment.application.RecordingReplies.Sent;
import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.IllegalPaymentTransition;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.payments.payment.model.Payment;
import io.emporium.payments.payment.model.PaymentId;
import io.emporium.payments.payment.model.PaymentStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The payment use cases over in-memory stores: effects, replies, idempotency and out-of-order compensations. */
class CashierTest {

    private static final OrderId ORDER = new OrderId("order-1");

    private final InMemoryPayments payments = new InMemoryPayments();
    private final RecordingReplies replies = new RecordingReplies();
    private final RecordingProvider provider = new RecordingProvider();
    private final Cashier service = new Cashier(payments, payments, provider, replies,
            new DirectTransactions(), Clock.fixed(Instant.parse("2026-01-01T10:00:00.123456789Z"), ZoneOffset.UTC));

    @Test
    void authorizesAndAnswersWithThePaymentId() {
        service.authorize(authorize("alice", "49.90"));

        Payment payment = payments.byOrder(ORDER).orElseThrow();
        assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(replies.sent()).containsExactly(new Sent("authorized", ORDER, payment.id(), null));
        assertThat(payments.locksTaken()).isEqualTo(1);
    }

    @Test
    void timesAreKeptToTheMicrosecondLikeTheDatabase() {
        service.authorize(authorize("alice", "49.90"));

        assertThat(payments.byOrder(ORDER).orElseThrow().history().getFirst().at())
                .isEqualTo(Instant.parse("2026-01-01T10:00:00.123456Z"));
    }

    @Test
    void declinesACustomerTheProviderRefusesAndRemembersWhy() {
        service.authorize(authorize("decline-bob", "49.90"));

        Payment payment = payments.byOrder(ORDER).orElseThrow();
        assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payment.declineReason()).isEqualTo("card declined by issuer");
        assertThat(replies.sent()).containsExactly(new Sent("declined", ORDER, null, "card declined by issuer"));
    }

    @Test
    void repeatedAuthorizationHasNoEffectAndAnswersTheSame() {
        service.authorize(authorize("alice", "49.90"));
        service.authorize(authorize("alice", "49.90"));

        assertThat(payments.count()).isEqualTo(1);
        assertThat(provider.calls()).hasSize(1);
        assertThat(replies.sent()).hasSize(2).allMatch(sent -> sent.equals(replies.sent().getFirst()));
    }

    @Test
    void repeatedDeclinedAuthorizationAnswersTheSameReason() {
        service.authorize(authorize("alice", "9000.00"));
        service.authorize(authorize("alice", "9000.00"));

        assertThat(provider.calls()).hasSize(1);
        assertThat(replies.sent()).extracting(Sent::reason)
                .containsExactly("amount exceeds the limit of 5000.00", "amount exceeds the limit of 5000.00");
    }

    @Test
    void voidCancelsTheAuthorization() {
        service.authorize(authorize("alice", "49.90"));

        service.voidPayment(ORDER, "stock unavailable");

        assertThat(payments.byOrder(ORDER).orElseThrow().status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(replies.last()).isEqualTo(new Sent("voided", ORDER, null, null));
        assertThat(provider.calls()).last().isEqualTo("void:order-1");
    }

    @Test
    void repeatedVoidHasNoFurtherEffect() {
        service.authorize(authorize("alice", "49.90"));
        service.voidPayment(ORDER, "stock unavailable");

        service.voidPayment(ORDER, "stock unavailable");

        assertThat(provider.calls()).hasSize(2);
        assertThat(replies.sent()).extracting(Sent::kind).containsExactly("authorized", "voided", "voided");
        assertThat(payments.byOrder(ORDER).orElseThrow().history()).hasSize(2);
    }

    @Test
    void voidBeforeAuthorizationIsAnsweredAndTheLateAuthorizationDeclined() {
        service.voidPayment(ORDER, "saga timed out");
        service.authorize(authorize("alice", "49.90"));

        assertThat(replies.sent()).containsExactly(new Sent("voided", ORDER, null, null),
                new Sent("declined", ORDER, null, "order already cancelled"));
        assertThat(provider.calls()).isEmpty();
        assertThat(payments.byOrder(ORDER).orElseThrow().status()).isEqualTo(PaymentStatus.DECLINED);
    }

    @Test
    void authorizationRepeatedAfterAVoidIsDeclinedAsCancelled() {
        service.authorize(authorize("alice", "49.90"));
        service.voidPayment(ORDER, "shipping rejected");

        service.authorize(authorize("alice", "49.90"));

        assertThat(replies.last()).isEqualTo(new Sent("declined", ORDER, null, "order already cancelled"));
    }

    @Test
    void voidOfADeclinedPaymentIsAnsweredWithoutEffect() {
        service.authorize(authorize("decline-bob", "49.90"));

        service.voidPayment(ORDER, "payment declined");

        assertThat(replies.last().kind()).isEqualTo("voided");
        assertThat(payments.byOrder(ORDER).orElseThrow().status()).isEqualTo(PaymentStatus.DECLINED);
    }

    @Test
    void captureChargesTheAuthorizedPayment() {
        service.authorize(authorize("alice", "49.90"));
        PaymentId id = payments.byOrder(ORDER).orElseThrow().id();

        service.capture(ORDER);

        assertThat(payments.byOrder(ORDER).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(replies.last()).isEqualTo(new Sent("captured", ORDER, id, null));
    }

    @Test
    void repeatedCaptureChargesOnce() {
        service.authorize(authorize("alice", "49.90"));
        service.capture(ORDER);

        service.capture(ORDER);

        assertThat(provider.calls()).filteredOn(call -> call.startsWith("capture")).hasSize(1);
        assertThat(replies.sent()).extracting(Sent::kind).containsExactly("authorized", "captured", "captured");
    }

    @Test
    void voidedPaymentIsNeverCaptured() {
        service.authorize(authorize("alice", "49.90"));
        service.voidPayment(ORDER, "shipping rejected");

        service.capture(ORDER);

        assertThat(payments.byOrder(ORDER).orElseThrow().status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(provider.calls()).noneMatch(call -> call.startsWith("capture"));
        assertThat(replies.last()).isEqualTo(new Sent("captureFailed", ORDER, null, "nothing captured: the payment is VOIDED"));
    }

    @Test
    void declinedPaymentIsNeverCaptured() {
        service.authorize(authorize("decline-bob", "49.90"));

        service.capture(ORDER);

        assertThat(replies.last()).isEqualTo(new Sent("captureFailed", ORDER, null, "nothing captured: the payment is DECLINED"));
    }

    @Test
    void captureWithoutAPaymentCapturesNothing() {
        service.capture(ORDER);

        assertThat(payments.count()).isZero();
        assertThat(replies.last())
                .isEqualTo(new Sent("captureFailed", ORDER, null, "nothing captured: the order has no authorized payment"));
    }

    @Test
    void aCaptureTheProviderRefusesIsAnsweredCaptureFailedAndTheAuthorizationStaysHeldUntilVoided() {
        service.authorize(authorize("nocapture-carl", "49.90"));

        service.capture(ORDER);

        assertThat(replies.last()).isEqualTo(new Sent("captureFailed", ORDER, null, "capture refused by issuer"));
        assertThat(payments.byOrder(ORDER).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        service.voidPayment(ORDER, "payment capture failed: capture refused by issuer");
        assertThat(payments.byOrder(ORDER).orElseThrow().status()).isEqualTo(PaymentStatus.VOIDED);
    }

    @Test
    void everyProviderCallCarriesAKeyMadeOfTheOperationAndTheOrder() {
        service.authorize(authorize("alice", "49.90"));
        service.capture(ORDER);
        service.voidPayment(ORDER, "saga timed out waiting for the capture");

        assertThat(provider.calls()).containsExactly("authorize:order-1", "capture:order-1", "refund:order-1");
        assertThat(payments.byOrder(ORDER).orElseThrow().providerReference()).isEqualTo("hold-order-1");
    }

    @Test
    void voidOfACapturedPaymentRefundsIt() {
        service.authorize(authorize("alice", "49.90"));
        service.capture(ORDER);

        service.voidPayment(ORDER, "saga timed out waiting for the capture");

        assertThat(payments.byOrder(ORDER).orElseThrow().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(provider.calls()).last().isEqualTo("refund:order-1");
        assertThat(replies.last().kind()).isEqualTo("voided");
    }

    @Test
    void refundPaysACapturedPaymentBack() {
        service.authorize(authorize("alice", "49.90"));
        service.capture(ORDER);
        PaymentId id = payments.byOrder(ORDER).orElseThrow().id();

        Payment refunded = service.refund(id).orElseThrow();

        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payments.byId(id).orElseThrow().status()).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void refundOfAPaymentThatIsNotCapturedIsRefused() {
        service.authorize(authorize("alice", "49.90"));
        PaymentId id = payments.byOrder(ORDER).orElseThrow().id();

        assertThatExceptionOfType(IllegalPaymentTransition.class).isThrownBy(() -> service.refund(id));
        assertThat(payments.byId(id).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(provider.calls()).noneMatch(call -> call.startsWith("refund"));
    }

    @Test
    void refundOfAnUnknownPaymentFindsNothing() {
        assertThat(service.refund(PaymentId.random())).isEmpty();
    }

    private static AuthorizePaymentCommand authorize(String customer, String amount) {
        return new AuthorizePaymentCommand(ORDER, new CustomerId(customer), Money.of(new BigDecimal(amount), "EUR"));
    }
}
