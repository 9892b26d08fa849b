package io.emporium.payments.payment.model;

/** A payment was asked to do something its status does not allow, e.g. to refund a payment that was never captured. */
public class IllegalPaymentTransition extends IllegalStateException {

    private final PaymentId paymentId;
    private final OrderId orderId;
    private final PaymentStatus status;

    IllegalPaymentTransition(PaymentId paymentId, OrderId orderId, PaymentStatus status, String action,
            PaymentStatus required) {
        super("Payment " + paymentId + " is " + status + "; only a " + required + " payment can be " + action);
        this.paymentId = paymentId;
        this.orderId = orderId;
        this.status = status;
    }

    public PaymentId paymentId() {
        return paymentId;
    }

    public OrderId orderId() {
        return orderId;
    }

    public PaymentStatus status() {
        return status;
    }
}
