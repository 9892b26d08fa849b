package io.emporium.payments.payment.provider;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import io.emporium.payments.payment.application.IdempotencyKey;
import io.emporium.payments.payment.application.PaymentProvider;
import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.payments.payment.provider.ProviderLedger.Entry;
import io.emporium.payments.payment.provider.ProviderLedger.Operation;
import io.emporium.payments.payment.provider.ProviderLedger.Outcome;

/**
 * An in-process stand-in for a card processor, deterministic so that demos and tests can choose the outcome, with
 * a memory that behaves like a real provider's: every call is recorded in its {@link ProviderLedger} under the
 * call's idempotency key, outside the caller's transaction, and a call with a key it knows gets the first call's
 * answer and does nothing new (no second hold, no second charge), whatever happened to the caller in between.
 *
 * <p>Authorization decline rules, checked in this order (configuration {@code payments.provider.*}, defaults in
 * {@code application.yaml}):
 * <ol>
 * <li>the amount is above {@code decline-above} (default {@code 5000.00}, compared as a number in any currency):
 * declined "amount exceeds the limit of 5000.00";</li>
 * <li>the customer id starts with {@code decline-customer-prefix} (default {@code decline-}, e.g.
 * {@code decline-bob}): declined "card declined by issuer".</li>
 * </ol>
 * The limit is shown with at least two decimals ({@code 5000} reads "5000.00"). Everything else is approved, with a
 * new hold ({@code hold-<uuid>}).
 *
 * <p>A capture is declined "capture refused by issuer" when the hold belongs to a customer whose id starts with
 * {@code decline-capture-customer-prefix} (default {@code nocapture-}, e.g. {@code nocapture-1}); everything else is
 * captured, also a hold the ledger does not know (one made before the ledger existed). Void and refund always
 * succeed. Every call first waits {@code latency} (default 0) to imitate the network round trip. Thread-safe.
 */
public final class SimulatedPaymentProvider implements PaymentProvider {

    static final String CAPTURE_REFUSED = "capture refused by issuer";

    private final BigDecimal declineAbove;
    private final String declineCustomerPrefix;
    private final String declineCaptureCustomerPrefix;
    private final Duration latency;
    private final ProviderLedger ledger;

    /**
     * @param declineAbove amounts above this are declined
     * @param declineCustomerPrefix customers whose id starts with this are declined; not blank
     * @param declineCaptureCustomerPrefix captures of customers whose id starts with this are refused; not blank
     * @param latency how long each call takes; zero or positive
     * @param ledger where the provider keeps what it answered
     */
    SimulatedPaymentProvider(BigDecimal declineAbove, String declineCustomerPrefix,
            String declineCaptureCustomerPrefix, Duration latency, ProviderLedger ledger) {
        Objects.requireNonNull(declineAbove, "declineAbove");
        // shown with at least two decimals, like an amount: "5000.00" however it was configured
        this.declineAbove = declineAbove.setScale(Math.max(2, declineAbove.scale()), RoundingMode.UNNECESSARY);
        this.declineCustomerPrefix = Objects.requireNonNull(declineCustomerPrefix, "declineCustomerPrefix");
        this.declineCaptureCustomerPrefix = Objects.requireNonNull(declineCaptureCustomerPrefix,
                "declineCaptureCustomerPrefix");
        this.latency = Objects.requireNonNull(latency, "latency");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        if (declineCustomerPrefix.isBlank() || declineCaptureCustomerPrefix.isBlank()) {
            throw new IllegalArgumentException("A decline prefix must not be blank: it would decline everyone");
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("Latency cannot be negative, got " + latency);
        }
    }

    @Override
    public Authorization authorize(IdempotencyKey key, OrderId orderId, CustomerId customerId, Money amount) {
        respondAfterLatency();
        Entry answer = ledger.recordOnce(key.value(), () -> {
            String reason = amount.exceeds(declineAbove) ? "amount exceeds the limit of " + declineAbove.toPlainString()
                    : customerId.startsWith(declineCustomerPrefix) ? "card declined by issuer" : null;
            return new Entry(key.value(), Operation.AUTHORIZE, orderId.value(), customerId.value(), amount.amount(),
                    amount.currency().getCurrencyCode(), reason == null ? Outcome.APPROVED : Outcome.DECLINED,
                    reason, reason == null ? "hold-" + UUID.randomUUID() : null);
        });
        return answer.outcome() == Outcome.APPROVED ? new Authorization.Approved(answer.reference())
                : new Authorization.Declined(answer.reason());
    }

    @Override
    public Capture capture(IdempotencyKey key, OrderId orderId, String reference, Money amount) {
        respondAfterLatency();
        Entry answer = ledger.recordOnce(key.value(), () -> {
            String customer = ledger.hold(reference).map(Entry::customerId).orElse(null);
            boolean refused = customer != null && customer.startsWith(declineCaptureCustomerPrefix);
            return new Entry(key.value(), Operation.CAPTURE, orderId.value(), customer, amount.amount(),
                    amount.currency().getCurrencyCode(), refused ? Outcome.DECLINED : Outcome.APPROVED,
                    refused ? CAPTURE_REFUSED : null, reference);
        });
        return answer.outcome() == Outcome.APPROVED ? new Capture.Captured() : new Capture.Declined(answer.reason());
    }

    @Override
    public void voidAuthorization(IdempotencyKey key, OrderId orderId, String reference) {
        respondAfterLatency();
        ledger.recordOnce(key.value(), () -> new Entry(key.value(), Operation.VOID, orderId.value(), null, null, null,
                Outcome.APPROVED, null, reference));
    }

    @Override
    public void refund(IdempotencyKey key, OrderId orderId, String reference, Money amount) {
        respondAfterLatency();
        ledger.recordOnce(key.value(), () -> new Entry(key.value(), Operation.REFUND, orderId.value(), null,
                amount.amount(), amount.currency().getCurrencyCode(), Outcome.APPROVED, null, reference));
    }

    private void respondAfterLatency() {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the payment provider", ex);
        }
    }
}
