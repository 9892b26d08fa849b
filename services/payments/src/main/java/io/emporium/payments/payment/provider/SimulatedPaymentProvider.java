package io.emporium.payments.payment.provider;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

import io.emporium.payments.payment.application.PaymentProvider;
import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.PaymentId;

/**
 * An in-process stand-in for a card processor, deterministic so that demos and tests can choose the outcome.
 *
 * <p>Decline rules, checked in this order (configuration {@code payments.provider.*}, defaults in
 * {@code application.yaml}):
 * <ol>
 * <li>the amount is above {@code decline-above} (default {@code 5000.00}, compared as a number in any currency):
 * declined "amount exceeds the limit of 5000.00";</li>
 * <li>the customer id starts with {@code decline-customer-prefix} (default {@code decline-}, e.g.
 * {@code decline-bob}): declined "card declined by issuer".</li>
 * </ol>
 * The limit is shown with at least two decimals ({@code 5000} reads "5000.00"). Everything else is approved;
 * capture, void and refund always succeed. Every call first waits {@code latency} (default 0) to imitate the
 * network round trip. Thread-safe.
 */
public final class SimulatedPaymentProvider implements PaymentProvider {

    private final BigDecimal declineAbove;
    private final String declineCustomerPrefix;
    private final Duration latency;

    /**
     * @param declineAbove amounts above this are declined
     * @param declineCustomerPrefix customers whose id starts with this are declined; not blank
     * @param latency how long each call takes; zero or positive
     */
    public SimulatedPaymentProvider(BigDecimal declineAbove, String declineCustomerPrefix, Duration latency) {
        Objects.requireNonNull(declineAbove, "declineAbove");
        // shown with at least two decimals, like an amount: "5000.00" however it was configured
        this.declineAbove = declineAbove.setScale(Math.max(2, declineAbove.scale()), RoundingMode.UNNECESSARY);
        this.declineCustomerPrefix = Objects.requireNonNull(declineCustomerPrefix, "declineCustomerPrefix");
        this.latency = Objects.requireNonNull(latency, "latency");
        if (declineCustomerPrefix.isBlank()) {
            throw new IllegalArgumentException("The decline prefix must not be blank: it would decline everyone");
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("Latency cannot be negative, got " + latency);
        }
    }

    @Override
    public Authorization authorize(PaymentId paymentId, CustomerId customerId, Money amount) {
        respondAfterLatency();
        if (amount.exceeds(declineAbove)) {
            return new Authorization.Declined("amount exceeds the limit of " + declineAbove.toPlainString());
        }
        if (customerId.startsWith(declineCustomerPrefix)) {
            return new Authorization.Declined("card declined by issuer");
        }
        return new Authorization.Approved();
    }

    @Override
    public void capture(PaymentId paymentId, Money amount) {
        respondAfterLatency();
    }

    @Override
    public void voidAuthorization(PaymentId paymentId) {
        respondAfterLatency();
    }

    @Override
    public void refund(PaymentId paymentId, Money amount) {
        respondAfterLatency();
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
