package io.emporium.payments.payment.web;

import io.emporium.payments.payment.model.OrderId;
import io.emporium.payments.payment.model.PaymentId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The audit trail of access to payment data through the API: one line per read or refund on the logger
 * {@value #LOGGER}, with the key-values {@code event.action} ({@value #READ} or {@value #REFUND}),
 * {@code event.outcome} (see {@link Outcome}), {@code user.name} (the subject of the caller's verified token) and,
 * where known, {@code payment.id} and {@code order.id}. The message repeats them for plain-text logs. A payment holds
 * no card data, and tokens never reach this class, so neither can be written.
 */
final class PaymentAudit {

    static final String LOGGER = "emporium.audit";
    static final String READ = "payment-read";
    static final String REFUND = "payment-refund";

    private static final Logger audit = LoggerFactory.getLogger(LOGGER);

    /** How an access ended: {@code event.outcome}. */
    enum Outcome {

        /** The caller saw or changed the payment. */
        SUCCESS("success"),
        /** The payment exists, but the caller may not see or change it (answered as if it did not exist, or 403). */
        DENIED("denied"),
        /** There is no such payment. */
        NOT_FOUND("not-found"),
        /** The payment's status does not allow the change (a refund of a payment that is not CAPTURED). */
        CONFLICT("conflict");

        private final String value;

        Outcome(String value) {
            this.value = value;
        }
    }

    private PaymentAudit() {
    }

    static void record(String action, Outcome outcome, String userName, @Nullable PaymentId paymentId,
            @Nullable OrderId orderId) {
        LoggingEventBuilder line = audit.atLevel(outcome == Outcome.DENIED ? Level.WARN : Level.INFO)
                .addKeyValue("event.action", action).addKeyValue("event.outcome", outcome.value)
                .addKeyValue("user.name", userName);
        if (paymentId != null) {
            line = line.addKeyValue("payment.id", paymentId.toString());
        }
        if (orderId != null) {
            line = line.addKeyValue("order.id", orderId.value());
        }
        line.log("{} {}: user {}, payment {}, order {}", action, outcome.value, userName,
                paymentId != null ? paymentId : "-", orderId != null ? orderId : "-");
    }
}
