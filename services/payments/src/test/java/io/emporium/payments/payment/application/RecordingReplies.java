package io.emporium.payments.payment.application;

import java.util.ArrayList;
import java.util.List;

import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.payments.payment.model.PaymentId;
import org.jspecify.annotations.Nullable;

/** Remembers every reply, in order, for assertions. */
public final class RecordingReplies implements PaymentReplies {

    /** One reply: its kind ("authorized", "declined", "voided", "captured", "captureFailed") and what it carried. */
    public record Sent(String kind, OrderId orderId, @Nullable PaymentId paymentId, @Nullable String reason) {
    }

    private final List<Sent> sent = new ArrayList<>();

    @Override
    public void authorized(OrderId orderId, PaymentId paymentId, CustomerId customerId) {
        sent.add(new Sent("authorized", orderId, paymentId, null));
    }

    @Override
    public void declined(OrderId orderId, String reason, @Nullable CustomerId customerId) {
        sent.add(new Sent("declined", orderId, null, reason));
    }

    @Override
    public void voided(OrderId orderId) {
        sent.add(new Sent("voided", orderId, null, null));
    }

    @Override
    public void captured(OrderId orderId, PaymentId paymentId, CustomerId customerId) {
        sent.add(new Sent("captured", orderId, paymentId, null));
    }

    @Override
    public void captureFailed(OrderId orderId, String reason, @Nullable CustomerId customerId) {
        sent.add(new Sent("captureFailed", orderId, null, reason));
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public Sent last() {
        return sent.getLast();
    }
}
