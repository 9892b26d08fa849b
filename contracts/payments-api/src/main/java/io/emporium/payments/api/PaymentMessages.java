package io.emporium.payments.api;

import java.math.BigDecimal;

/**
 * The payments service's messaging contract. Commands go to {@link #COMMANDS}, replies come back on
 * {@link #EVENTS}; both keyed by order id. Commands are idempotent; a void that arrives for a payment that was never
 * authorized still answers {@link PaymentVoided} and makes a later authorization for that order a decline.
 *
 * <p>Declines are deterministic (documented in the payments service): an amount over the configured limit, or a
 * customer marked to decline; a capture fails for a customer marked to have their captures refused.
 */
public final class PaymentMessages {

    /** Commands to the payments service (key: order id). */
    public static final String COMMANDS = "payments.commands";
    /** What the payments service did about them (key: order id). */
    public static final String EVENTS = "payments.payment-events";

    private PaymentMessages() {
    }

    /**
     * Reserve the amount on the customer's means of payment. Answered by {@link PaymentAuthorized} or
     * {@link PaymentDeclined}. {@code customerId}: who pays, as
     * {@link io.emporium.customers.api.CustomerIds} states it.
     */
    public record AuthorizePayment(String orderId, String customerId, BigDecimal amount, String currency) {
        public static final String TYPE = "payments.AuthorizePayment";
    }

    /** Compensation: cancel the authorization; nothing is charged. Answered by {@link PaymentVoided}. */
    public record VoidPayment(String orderId, String reason) {
        public static final String TYPE = "payments.VoidPayment";
    }

    /**
     * Charge the authorized amount (the saga's point of no return). Answered by {@link PaymentCaptured}, or by
     * {@link PaymentCaptureFailed} when nothing was charged. Repeating it charges at most once and answers the same.
     */
    public record CapturePayment(String orderId) {
        public static final String TYPE = "payments.CapturePayment";
    }

    public record PaymentAuthorized(String orderId, String paymentId) {
        public static final String TYPE = "payments.PaymentAuthorized";
    }

    public record PaymentDeclined(String orderId, String reason) {
        public static final String TYPE = "payments.PaymentDeclined";
    }

    public record PaymentVoided(String orderId) {
        public static final String TYPE = "payments.PaymentVoided";
    }

    public record PaymentCaptured(String orderId, String paymentId) {
        public static final String TYPE = "payments.PaymentCaptured";
    }

    /**
     * Nothing was charged for the order: the provider refused the capture, or the order has no authorized payment
     * (none yet, declined, voided or refunded). {@code reason} is human-readable. An authorization that is still held
     * stays held until a {@link VoidPayment} releases it.
     */
    public record PaymentCaptureFailed(String orderId, String reason) {
        public static final String TYPE = "payments.PaymentCaptureFailed";
    }
}
