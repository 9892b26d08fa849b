package io.emporium.payments.payment.application;

import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.payments.payment.model.PaymentId;
import org.jspecify.annotations.Nullable;

/**
 * The answers to the order saga's payment commands, each about one order. Implementations send them in the
 * caller's transaction (an outbox), so an answer is sent exactly when the change it reports is committed.
 */
public interface PaymentReplies {

    void authorized(OrderId orderId, PaymentId paymentId, CustomerId customerId);

    /**
     * The authorization was declined.
     *
     * @param customerId who the order is for, if known
     */
    void declined(OrderId orderId, String reason, @Nullable CustomerId customerId);

    void voided(OrderId orderId);

    void captured(OrderId orderId, PaymentId paymentId, CustomerId customerId);

    /**
     * Nothing was captured for the order, for {@code reason}.
     *
     * @param customerId who the order is for, if known
     */
    void captureFailed(OrderId orderId, String reason, @Nullable CustomerId customerId);
}
