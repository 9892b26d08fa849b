package io.emporium.payments.payment.model;

/**
 * Where a payment is in its life:
 * <pre>
 * AUTHORIZED --capture--> CAPTURED --refund--> REFUNDED
 * AUTHORIZED --void-----> VOIDED
 * DECLINED (final: the provider or a rule refused the authorization)
 * </pre>
 */
public enum PaymentStatus {
    AUTHORIZED, CAPTURED, VOIDED, REFUNDED, DECLINED
}
