package io.emporium.payments.payment.persistence;

import java.math.BigDecimal;
import java.time.Instant;

import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.payments.payment.model.Payment;
import io.emporium.payments.payment.model.PaymentId;
import io.emporium.payments.payment.model.PaymentStatus;
import io.emporium.payments.payment.model.StatusChange;
import io.emporium.platform.test.concurrency.LockCheck;
import io.emporium.platform.test.infrastructure.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The JDBC adapter on the real schema (Flyway) in a real PostgreSQL; each test rolls back unless it says otherwise. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ JdbcPayments.class, JdbcCancelledOrders.class })
@TestInfrastructure(database = "payments", issuer = false)
class JdbcPaymentsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456Z");

    private final JdbcPayments payments;
    private final JdbcCancelledOrders cancelledOrders;
    private final TransactionTemplate transactions;

    JdbcPaymentsTest(JdbcPayments payments, JdbcCancelledOrders cancelledOrders, TransactionTemplate transactions) {
        this.payments = payments;
        this.cancelledOrders = cancelledOrders;
        this.transactions = transactions;
    }

    @Test
    void storedPaymentReadsBackEqualByOrderAndById() {
        Payment payment = authorized(uniqueOrder(), "1234.5", "EUR");
        payments.add(payment);

        Payment byOrder = payments.byOrder(payment.orderId()).orElseThrow();
        Payment byId = payments.byId(payment.id()).orElseThrow();

        for (Payment loaded : new Payment[] { byOrder, byId }) {
            assertThat(loaded.id()).isEqualTo(payment.id());
            assertThat(loaded.customerId()).isEqualTo(payment.customerId());
            assertThat(loaded.amount()).isEqualTo(Money.of(new BigDecimal("1234.50"), "EUR"));
            assertThat(loaded.history()).containsExactly(new StatusChange(PaymentStatus.AUTHORIZED, T0));
            assertThat(loaded.providerReference()).isEqualTo("hold-" + payment.orderId().value());
            assertThat(loaded.version()).isZero();
        }
    }

    @Test
    void amountsKeepTheirCurrencysScale() {
        Payment yen = authorized(uniqueOrder(), "1500", "JPY");
        Payment dinar = authorized(uniqueOrder(), "1.234", "BHD");
        payments.add(yen);
        payments.add(dinar);

        assertThat(payments.byId(yen.id()).orElseThrow().amount().amount()).isEqualTo(new BigDecimal("1500"));
        assertThat(payments.byId(dinar.id()).orElseThrow().amount().amount()).isEqualTo(new BigDecimal("1.234"));
    }

    @Test
    void declineReasonIsStored() {
        Payment declined = Payment.declined(PaymentId.random(), uniqueOrder(), new CustomerId("decline-bob"),
                Money.of(BigDecimal.TEN, "EUR"), "card declined by issuer", T0);
        payments.add(declined);

        assertThat(payments.byId(declined.id()).orElseThrow().declineReason()).isEqualTo("card declined by issuer");
    }

    @Test
    void updateAppendsToTheHistoryAndCountsTheVersion() {
        Payment payment = authorized(uniqueOrder(), "10", "EUR");
        payments.add(payment);

        payment.capture(T0.plusSeconds(1));
        payments.update(payment);
        Payment captured = payments.byId(payment.id()).orElseThrow();
        captured.refund(T0.plusSeconds(2));
        payments.update(captured);

        Payment refunded = payments.byId(payment.id()).orElseThrow();
        assertThat(refunded.history()).extracting(StatusChange::status)
                .containsExactly(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED, PaymentStatus.REFUNDED);
        assertThat(refunded.version()).isEqualTo(2);
    }

    @Test
    void staleUpdateIsRefused() {
        Payment payment = authorized(uniqueOrder(), "10", "EUR");
        payments.add(payment);
        Payment first = payments.byId(payment.id()).orElseThrow();
        Payment second = payments.byId(payment.id()).orElseThrow();
        first.capture(T0.plusSeconds(1));
        payments.update(first);

        second.voidAuthorization(T0.plusSeconds(1));

        assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> payments.update(second));
    }

    @Test
    void anOrderHasOnePayment() {
        OrderId order = uniqueOrder();
        payments.add(authorized(order, "10", "EUR"));

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> payments.add(authorized(order, "10", "EUR")));
    }

    @Test
    void cancelledOrderIsRememberedOnce() {
        OrderId order = uniqueOrder();
        assertThat(cancelledOrders.contains(order)).isFalse();

        cancelledOrders.add(order, "saga timed out", T0);
        cancelledOrders.add(order, "again", T0);

        assertThat(cancelledOrders.contains(order)).isTrue();
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void orderLockMakesASecondTransactionWaitUntilTheFirstEnds() throws Exception {
        LockCheck.assertSecondTransactionWaits(work -> transactions.executeWithoutResult(status -> work.run()),
                payments::lockOrder, uniqueOrder(), uniqueOrder());
    }

    private static Payment authorized(OrderId order, String amount, String currency) {
        return Payment.authorized(PaymentId.random(), order, new CustomerId("alice"),
                Money.of(new BigDecimal(amount), currency), "hold-" + order.value(), T0);
    }

    private static OrderId uniqueOrder() {
        return new OrderId(java.util.UUID.randomUUID().toString());
    }
}
