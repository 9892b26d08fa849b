package io.emporium.payments.payment.application;

import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.PaymentId;

/**
 * The payment provider (card processor) this service talks to. Every call names the payment, which a real provider
 * would take as its idempotency key, so repeating a call after a crash does not charge twice. Calls may block for
 * the provider's latency; failures to reach it are thrown as runtime exceptions (the caller's transaction then rolls
 * back and the command is retried).
 */
public interface PaymentProvider {

    /** Asks to reserve {@code amount} for the customer; the answer says whether the provider agreed. */
    Authorization authorize(PaymentId paymentId, CustomerId customerId, Money amount);

    /** Charges an authorized payment. */
    void capture(PaymentId paymentId, Money amount);

    /** Cancels an authorization; nothing is charged. */
    void voidAuthorization(PaymentId paymentId);

    /** Pays a captured amount back. */
    void refund(PaymentId paymentId, Money amount);

    /** The provider's answer to an authorization request. */
    sealed interface Authorization {

        record Approved() implements Authorization {
        }

        /** @param reason human-readable, sent to the order saga as the decline reason */
        record Declined(String reason) implements Authorization {
        }
    }
}
