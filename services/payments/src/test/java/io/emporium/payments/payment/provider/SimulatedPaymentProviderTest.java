package io.emporium.payments.payment.provider;

import java.math.BigDecimal;
import java.time.Duration;

import io.emporium.payments.payment.application.IdempotencyKey;
import io.emporium.payments.payment.application.PaymentProvider.Authorization;
import io.emporium.payments.payment.application.PaymentProvider.Capture;
import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.payments.payment.provider.ProviderLedger.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The documented rules of the simulated provider, and its memory of the keys it was called with. */
class SimulatedPaymentProviderTest {

    private static final OrderId ORDER = new OrderId("order-1");

    private final InMemoryProviderLedger ledger = new InMemoryProviderLedger();
    private final SimulatedPaymentProvider provider = new SimulatedPaymentProvider(new BigDecimal("5000.00"), "decline-",
            "nocapture-", Duration.ZERO, ledger);

    @Test
    void approvesAnOrdinaryPaymentWithANewHold() {
        assertThat(authorize("alice", "49.90", "EUR")).isInstanceOfSatisfying(Authorization.Approved.class,
                approved -> assertThat(approved.reference()).startsWith("hold-"));
    }

    @Test
    void approvesExactlyTheLimit() {
        assertThat(authorize("alice", "5000.00", "EUR")).isInstanceOf(Authorization.Approved.class);
    }

    @Test
    void declinesAnAmountAboveTheLimitInAnyCurrency() {
        assertThat(authorize("alice", "5000.01", "EUR"))
                .isEqualTo(new Authorization.Declined("amount exceeds the limit of 5000.00"));
        assertThat(provider.authorize(IdempotencyKey.authorize(new OrderId("order-2")), new OrderId("order-2"),
                new CustomerId("alice"), Money.of(new BigDecimal("5001"), "JPY")))
                .isEqualTo(new Authorization.Declined("amount exceeds the limit of 5000.00"));
    }

    @Test
    void declinesACustomerMarkedToDecline() {
        assertThat(authorize("decline-bob", "10.00", "EUR"))
                .isEqualTo(new Authorization.Declined("card declined by issuer"));
        assertThat(provider.authorize(IdempotencyKey.authorize(new OrderId("order-2")), new OrderId("order-2"),
                new CustomerId("bob-decline-"), Money.of(BigDecimal.TEN, "EUR"))).isInstanceOf(Authorization.Approved.class);
    }

    @Test
    void theAmountRuleIsCheckedFirst() {
        assertThat(authorize("decline-bob", "9999.00", "EUR"))
                .isEqualTo(new Authorization.Declined("amount exceeds the limit of 5000.00"));
    }

    @Test
    void aKnownKeyGetsTheFirstAnswerAndNothingNewIsHeld() {
        Authorization first = authorize("alice", "49.90", "EUR");
        Authorization again = authorize("alice", "49.90", "EUR");

        assertThat(again).isEqualTo(first);
        assertThat(ledger.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.idempotencyKey()).isEqualTo("authorize:order-1");
            assertThat(entry.operation()).isEqualTo(Operation.AUTHORIZE);
            assertThat(entry.orderId()).isEqualTo("order-1");
            assertThat(entry.reference()).isEqualTo(((Authorization.Approved) first).reference());
        });
    }

    @Test
    void aKnownKeyGetsTheFirstDeclineEvenWhenTheRulesWouldNowApprove() {
        authorize("alice", "9999.00", "EUR");

        assertThat(authorize("alice", "10.00", "EUR"))
                .isEqualTo(new Authorization.Declined("amount exceeds the limit of 5000.00"));
    }

    @Test
    void refusesTheCaptureOfACustomerMarkedToHaveCapturesRefused() {
        String hold = ((Authorization.Approved) authorize("nocapture-1", "10.00", "EUR")).reference();

        assertThat(capture(hold)).isEqualTo(new Capture.Declined("capture refused by issuer"));
        assertThat(capture(hold)).isEqualTo(new Capture.Declined("capture refused by issuer"));
        assertThat(ledger.entries()).filteredOn(entry -> entry.operation() == Operation.CAPTURE).hasSize(1);
    }

    @Test
    void capturesEveryOtherHoldOnceEvenOneItDoesNotKnow() {
        String hold = ((Authorization.Approved) authorize("alice", "10.00", "EUR")).reference();

        assertThat(capture(hold)).isEqualTo(new Capture.Captured());
        assertThat(capture(hold)).isEqualTo(new Capture.Captured());
        assertThat(provider.capture(IdempotencyKey.capture(new OrderId("old")), new OrderId("old"), "legacy-1",
                Money.of(BigDecimal.TEN, "EUR"))).isEqualTo(new Capture.Captured());
        assertThat(ledger.entries()).filteredOn(entry -> entry.operation() == Operation.CAPTURE)
                .extracting(ProviderLedger.Entry::idempotencyKey).containsExactly("capture:order-1", "capture:old");
    }

    @Test
    void voidsAndRefundsAreRecordedOncePerKey() {
        String hold = ((Authorization.Approved) authorize("alice", "10.00", "EUR")).reference();

        provider.voidAuthorization(IdempotencyKey.voidAuthorization(ORDER), ORDER, hold);
        provider.voidAuthorization(IdempotencyKey.voidAuthorization(ORDER), ORDER, hold);
        provider.refund(IdempotencyKey.refund(ORDER), ORDER, hold, Money.of(BigDecimal.TEN, "EUR"));

        assertThat(ledger.entries()).extracting(ProviderLedger.Entry::operation)
                .containsExactly(Operation.AUTHORIZE, Operation.VOID, Operation.REFUND);
    }

    @Test
    void limitAndPrefixesAreConfigurable() {
        SimulatedPaymentProvider strict = new SimulatedPaymentProvider(new BigDecimal("100"), "nope-", "nocharge-",
                Duration.ZERO, new InMemoryProviderLedger());

        assertThat(strict.authorize(IdempotencyKey.authorize(new OrderId("a")), new OrderId("a"),
                new CustomerId("alice"), Money.of(new BigDecimal("100.01"), "EUR")))
                .isEqualTo(new Authorization.Declined("amount exceeds the limit of 100.00"));
        assertThat(strict.authorize(IdempotencyKey.authorize(new OrderId("b")), new OrderId("b"),
                new CustomerId("nope-x"), Money.of(BigDecimal.ONE, "EUR")))
                .isEqualTo(new Authorization.Declined("card declined by issuer"));
        Authorization approved = strict.authorize(IdempotencyKey.authorize(new OrderId("c")), new OrderId("c"),
                new CustomerId("nocharge-y"), Money.of(BigDecimal.ONE, "EUR"));
        assertThat(strict.capture(IdempotencyKey.capture(new OrderId("c")), new OrderId("c"),
                ((Authorization.Approved) approved).reference(), Money.of(BigDecimal.ONE, "EUR")))
                .isEqualTo(new Capture.Declined("capture refused by issuer"));
        assertThat(strict.authorize(IdempotencyKey.authorize(new OrderId("d")), new OrderId("d"),
                new CustomerId("decline-bob"), Money.of(BigDecimal.ONE, "EUR"))).isInstanceOf(Authorization.Approved.class);
    }

    @Test
    void limitReadsLikeAnAmountHoweverItWasConfigured() {
        SimulatedPaymentProvider wholeNumber = new SimulatedPaymentProvider(new BigDecimal("5000"), "decline-",
                "nocapture-", Duration.ZERO, new InMemoryProviderLedger());

        assertThat(wholeNumber.authorize(IdempotencyKey.authorize(ORDER), ORDER, new CustomerId("alice"),
                Money.of(new BigDecimal("5000.01"), "EUR")))
                .isEqualTo(new Authorization.Declined("amount exceeds the limit of 5000.00"));
    }

    @Test
    void everyCallTakesTheConfiguredLatency() {
        SimulatedPaymentProvider slow = new SimulatedPaymentProvider(new BigDecimal("5000"), "decline-", "nocapture-",
                Duration.ofMillis(50), new InMemoryProviderLedger());
        long started = System.nanoTime();

        slow.capture(IdempotencyKey.capture(ORDER), ORDER, "hold-1", Money.of(BigDecimal.ONE, "EUR"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void rejectsMeaninglessConfiguration() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SimulatedPaymentProvider(BigDecimal.TEN, " ",
                "nocapture-", Duration.ZERO, ledger));
        assertThatIllegalArgumentException().isThrownBy(() -> new SimulatedPaymentProvider(BigDecimal.TEN, "decline-",
                "", Duration.ZERO, ledger));
        assertThatIllegalArgumentException().isThrownBy(() -> new SimulatedPaymentProvider(BigDecimal.TEN, "decline-",
                "nocapture-", Duration.ofMillis(-1), ledger));
    }

    private Authorization authorize(String customer, String amount, String currency) {
        return provider.authorize(IdempotencyKey.authorize(ORDER), ORDER, new CustomerId(customer),
                Money.of(new BigDecimal(amount), currency));
    }

    private Capture capture(String hold) {
        return provider.capture(IdempotencyKey.capture(ORDER), ORDER, hold, Money.of(BigDecimal.TEN, "EUR"));
    }
}
