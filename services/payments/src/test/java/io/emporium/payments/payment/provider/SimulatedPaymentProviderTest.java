package io.emporium.payments.payment.provider;

import java.math.BigDecimal;
import java.time.Duration;

import io.emporium.payments.payment.application.PaymentProvider.Authorization;
import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.PaymentId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The documented decline rules of the simulated provider. */
class SimulatedPaymentProviderTest {

    private final SimulatedPaymentProvider provider =
            new SimulatedPaymentProvider(new BigDecimal("5000.00"), "decline-", Duration.ZERO);

    @Test
    void approvesAnOrdinaryPayment() {
        assertThat(authorize("alice", "49.90", "EUR")).isEqualTo(new Authorization.Approved());
    }

    @Test
    void approvesExactlyTheLimit() {
        assertThat(authorize("alice", "5000.00", "EUR")).isEqualTo(new Authorization.Approved());
    }

    @Test
    void declinesAnAmountAboveTheLimitInAnyCurrency() {
        assertThat(authorize("alice", "5000.01", "EUR"))
                .isEqualTo(new Authorization.Declined("amount exceeds the limit of 5000.00"));
        assertThat(authorize("alice", "5001", "JPY"))
                .isEqualTo(new Authorization.Declined("amount exceeds the limit of 5000.00"));
    }

    @Test
    void declinesACustomerMarkedToDecline() {
        assertThat(authorize("decline-bob", "10.00", "EUR"))
                .isEqualTo(new Authorization.Declined("card declined by issuer"));
        assertThat(authorize("bob-decline-", "10.00", "EUR")).isEqualTo(new Authorization.Approved());
    }

    @Test
    void theAmountRuleIsCheckedFirst() {
        assertThat(authorize("decline-bob", "9999.00", "EUR"))
                .isEqualTo(new Authorization.Declined("amount exceeds the limit of 5000.00"));
    }

    @Test
    void limitAndPrefixAreConfigurable() {
        SimulatedPaymentProvider strict = new SimulatedPaymentProvider(new BigDecimal("100"), "nope-", Duration.ZERO);

        assertThat(strict.authorize(PaymentId.random(), new CustomerId("alice"), Money.of(new BigDecimal("100.01"), "EUR")))
                .isEqualTo(new Authorization.Declined("amount exceeds the limit of 100.00"));
        assertThat(strict.authorize(PaymentId.random(), new CustomerId("nope-x"), Money.of(BigDecimal.ONE, "EUR")))
                .isEqualTo(new Authorization.Declined("card declined by issuer"));
        assertThat(strict.authorize(PaymentId.random(), new CustomerId("decline-bob"), Money.of(BigDecimal.ONE, "EUR")))
                .isEqualTo(new Authorization.Approved());
    }

    @Test
    void limitReadsLikeAnAmountHoweverItWasConfigured() {
        SimulatedPaymentProvider wholeNumber = new SimulatedPaymentProvider(new BigDecimal("5000"), "decline-",
                Duration.ZERO);

        assertThat(wholeNumber.authorize(PaymentId.random(), new CustomerId("alice"), Money.of(new BigDecimal("5000.01"), "EUR")))
                .isEqualTo(new Authorization.Declined("amount exceeds the limit of 5000.00"));
    }

    @Test
    void everyCallTakesTheConfiguredLatency() {
        SimulatedPaymentProvider slow = new SimulatedPaymentProvider(new BigDecimal("5000"), "decline-",
                Duration.ofMillis(50));
        long started = System.nanoTime();

        slow.capture(PaymentId.random(), Money.of(BigDecimal.ONE, "EUR"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void rejectsMeaninglessConfiguration() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new SimulatedPaymentProvider(BigDecimal.TEN, " ", Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new SimulatedPaymentProvider(BigDecimal.TEN, "decline-", Duration.ofMillis(-1)));
    }

    private Authorization authorize(String customer, String amount, String currency) {
        return provider.authorize(PaymentId.random(), new CustomerId(customer), Money.of(new BigDecimal(amount), currency));
    }
}
