package io.emporium.payments.payment.application;

import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.OrderId;

/**
 * The payment provider (card processor) this service talks to: an external system whose state survives our
 * crashes. Every call carries an {@link IdempotencyKey}; the provider answers a key it knows with its first answer
 * and does nothing new, so repeating a call after a crash never places a second hold or charges twice. Every call
 * names the order it is for (a provider keeps it with the operation). Calls may block for the provider's latency;
 * failures to reach it are thrown as runtime exceptions (the caller's transaction then rolls back and the command is
 * retried, with the same key).
 */
public interface PaymentProvider {

    /** Asks to hold {@code amount} for the customer; the answer says whether the provider agreed, and names the hold. */
    Authorization authorize(IdempotencyKey key, OrderId orderId, CustomerId customerId, Money amount);

    /** Asks to charge the hold {@code reference}; the answer says whether the provider did. */
    Capture capture(IdempotencyKey key, OrderId orderId, String reference, Money amount);

    /** Releases the hold {@code reference}; nothing is charged. */
    void voidAuthorization(IdempotencyKey key, OrderId orderId, String reference);

    /** Pays a captured amount of the hold {@code reference} back. */
    void refund(IdempotencyKey key, OrderId orderId, String reference, Money amount);

    /** The provider's answer to an authorization request. */
    sealed interface Authorization {

        /** @param reference the provider's id of the hold, which later calls about it name */
        record Approved(String reference) implements Authorization {
        }

        /** @param reason human-readable, sent to the order saga as the decline reason */
        record Declined(String reason) implements Authorization {
        }
    }

    /** The provider's answer to a capture request. */
    sealed interface Capture {

        record Captured() implements Capture {
        }

        /** @param reason human-readable, sent to the order saga as the reason nothing was captured */
        record Declined(String reason) implements Capture {
        }
    }
}
