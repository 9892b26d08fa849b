package io.emporium.payments.payment.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PaymentTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);

    @Test
    void authorizedPaymentCanBeCapturedThenRefunded() {
        Payment payment = authorized();

        payment.capture(T1);
        payment.refund(T2);

        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.history()).containsExactly(new StatusChange(PaymentStatus.AUTHORIZED, T0),
                new StatusChange(PaymentStatus.CAPTURED, T1), new StatusChange(PaymentStatus.REFUNDED, T2));
    }

    @Test
    void authorizedPaymentCanBeVoided() {
        Payment payment = authorized();

        payment.voidAuthorization(T1);

        assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(payment.history()).extracting(StatusChange::status)
                .containsExactly(PaymentStatus.AUTHORIZED, PaymentStatus.VOIDED);
    }

    @Test
    void voidedPaymentIsNeverCaptured() {
        Payment payment = authorized();
        payment.voidAuthorization(T1);

        assertThatExceptionOfType(IllegalPaymentTransition.class).isThrownBy(() -> payment.capture(T2))
                .withMessageEndingWith("is VOIDED; only a AUTHORIZED payment can be captured")
                .satisfies(ex -> assertThat(ex.orderId()).isEqualTo(payment.orderId()));
        assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
    }

    @Test
    void declinedPaymentCanNeitherBeCapturedNorVoidedNorRefunded() {
        Payment payment = Payment.declined(PaymentId.random(), new OrderId("order-1"), new CustomerId("decline-bob"),
                Money.of(BigDecimal.TEN, "EUR"), "card declined by issuer", T0);

        assertThatExceptionOfType(IllegalPaymentTransition.class).isThrownBy(() -> payment.capture(T1));
        assertThatExceptionOfType(IllegalPaymentTransition.class).isThrownBy(() -> payment.voidAuthorization(T1));
        assertThatExceptionOfType(IllegalPaymentTransition.class).isThrownBy(() -> payment.refund(T1));
        assertThat(payment.declineReason()).isEqualTo("card declined by issuer");
        assertThat(payment.history()).hasSize(1);
    }

    @Test
    void onlyACapturedPaymentIsRefunded() {
        Payment payment = authorized();

        assertThatExceptionOfType(IllegalPaymentTransition.class).isThrownBy(() -> payment.refund(T1))
                .withMessageEndingWith("is AUTHORIZED; only a CAPTURED payment can be refunded");
    }

    @Test
    void aPaymentIsRefundedOnlyOnce() {
        Payment payment = authorized();
        payment.capture(T1);
        payment.refund(T2);

        assertThatExceptionOfType(IllegalPaymentTransition.class).isThrownBy(() -> payment.refund(T2));
    }

    @Test
    void declineReasonGoesWithTheDeclinedStatusOnly() {
        OrderId order = new OrderId("order-1");
        CustomerId customer = new CustomerId("alice");
        Money amount = Money.of(BigDecimal.ONE, "EUR");
        List<StatusChange> authorized = List.of(new StatusChange(PaymentStatus.AUTHORIZED, T0));
        List<StatusChange> declined = List.of(new StatusChange(PaymentStatus.DECLINED, T0));

        assertThatIllegalArgumentException().isThrownBy(
                () -> Payment.restore(PaymentId.random(), order, customer, amount, "why", "hold-1", authorized, 0));
        assertThatIllegalArgumentException().isThrownBy(
                () -> Payment.restore(PaymentId.random(), order, customer, amount, null, null, declined, 0));
        assertThatIllegalArgumentException().isThrownBy(
                () -> Payment.restore(PaymentId.random(), order, customer, amount, null, "hold-1", List.of(), 0));
    }

    @Test
    void everyPaymentButADeclinedOneHasAHoldAtTheProvider() {
        OrderId order = new OrderId("order-1");
        CustomerId customer = new CustomerId("alice");
        Money amount = Money.of(BigDecimal.ONE, "EUR");
        List<StatusChange> voided = List.of(new StatusChange(PaymentStatus.AUTHORIZED, T0),
                new StatusChange(PaymentStatus.VOIDED, T1));
        List<StatusChange> declined = List.of(new StatusChange(PaymentStatus.DECLINED, T0));

        assertThat(authorized().providerReference()).isEqualTo("hold-1");
        assertThat(Payment.restore(PaymentId.random(), order, customer, amount, null, "hold-1", voided, 1)
                .providerReference()).isEqualTo("hold-1");
        assertThatIllegalArgumentException().isThrownBy(
                () -> Payment.restore(PaymentId.random(), order, customer, amount, null, null, voided, 1));
        assertThatIllegalArgumentException().isThrownBy(
                () -> Payment.restore(PaymentId.random(), order, customer, amount, "why", "hold-1", declined, 0));
    }

    @Test
    void historyCannotBeChangedFromOutside() {
        Payment payment = authorized();

        assertThat(payment.history()).isUnmodifiable();
    }

    private static Payment authorized() {
        return Payment.authorized(PaymentId.random(), new OrderId("order-1"), new CustomerId("alice"),
                Money.of(new BigDecimal("49.90"), "EUR"), "hold-1", T0);
    }
}
