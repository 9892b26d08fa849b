package io.emporium.payments.payment.web;

import io.emporium.payments.payment.model.OrderId;
import io.emporium.payments.payment.model.Payment;
import io.emporium.payments.payment.model.PaymentId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of access to payment data: one INFO line per read or change through the API, on the logger
 * {@code io.emporium.payments.audit}, naming the action, the payment id and the order id (as text and as structured
 * key-values). Payment data here holds no card data, so none can be logged.
 */
final class PaymentAudit {

    private static final Logger audit = LoggerFactory.getLogger("io.emporium.payments.audit");

    private PaymentAudit() {
    }

    static void accessed(String action, Payment payment) {
        accessed(action, payment.id(), payment.orderId());
    }

    static void accessed(String action, PaymentId paymentId, OrderId orderId) {
        audit.atInfo().addKeyValue("audit.action", action)
                .addKeyValue("payment.id", paymentId.toString())
                .addKeyValue("order.id", orderId.value())
                .log("Payment data {}: paymentId={} orderId={}", action, paymentId, orderId);
    }
}
