package io.emporium.payments.payment.messaging;

import io.emporium.payments.api.PaymentMessages;
import io.emporium.payments.api.PaymentMessages.PaymentAuthorized;
import io.emporium.payments.api.PaymentMessages.PaymentCaptureFailed;
import io.emporium.payments.api.PaymentMessages.PaymentCaptured;
import io.emporium.payments.api.PaymentMessages.PaymentDeclined;
import io.emporium.payments.api.PaymentMessages.PaymentVoided;
import io.emporium.payments.payment.application.PaymentReplies;
import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.payments.payment.model.PaymentId;
import io.emporium.platform.messaging.Outbox;
import io.emporium.platform.messaging.OutgoingMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Sends the payment replies through the outbox, in the caller's transaction, to {@link PaymentMessages#EVENTS}:
 * keyed by order id (so the saga sees one order's replies in order), subject = order id, type = the record's
 * {@code TYPE}, and the customer id as the {@code customerid} extension when known.
 */
@Component
class OutboxPaymentReplies implements PaymentReplies {

    private final Outbox outbox;

    OutboxPaymentReplies(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void authorized(OrderId orderId, PaymentId paymentId, CustomerId customerId) {
        publish(orderId, PaymentAuthorized.TYPE, new PaymentAuthorized(orderId.value(), paymentId.toString()),
                customerId);
    }

    @Override
    public void declined(OrderId orderId, String reason, @Nullable CustomerId customerId) {
        publish(orderId, PaymentDeclined.TYPE, new PaymentDeclined(orderId.value(), reason), customerId);
    }

    @Override
    public void voided(OrderId orderId) {
        publish(orderId, PaymentVoided.TYPE, new PaymentVoided(orderId.value()), null);
    }

    @Override
    public void captured(OrderId orderId, PaymentId paymentId, CustomerId customerId) {
        publish(orderId, PaymentCaptured.TYPE, new PaymentCaptured(orderId.value(), paymentId.toString()), customerId);
    }

    @Override
    public void captureFailed(OrderId orderId, String reason, @Nullable CustomerId customerId) {
        publish(orderId, PaymentCaptureFailed.TYPE, new PaymentCaptureFailed(orderId.value(), reason), customerId);
    }

    private void publish(OrderId orderId, String type, Object data, @Nullable CustomerId customerId) {
        outbox.publish(new OutgoingMessage(PaymentMessages.EVENTS, orderId.value(), type, orderId.value(), data,
                customerId == null ? null : customerId.value()));
    }
}
