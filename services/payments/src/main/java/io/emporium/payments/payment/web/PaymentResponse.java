package io.emporium.payments.payment.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.emporium.payments.payment.model.Payment;

/**
 * A payment as the REST API shows it:
 * {@code {"paymentId", "orderId", "customerId", "amount": {"amount", "currency"}, "status", "history": [{"status", "at"}]}}.
 */
record PaymentResponse(String paymentId, String orderId, String customerId, Amount amount, String status,
        List<HistoryEntry> history) {

    record Amount(BigDecimal amount, String currency) {
    }

    record HistoryEntry(String status, Instant at) {
    }

    static PaymentResponse of(Payment payment) {
        return new PaymentResponse(payment.id().toString(), payment.orderId().value(), payment.customerId().value(),
                new Amount(payment.amount().amount(), payment.amount().currency().getCurrencyCode()),
                payment.status().name(),
                payment.history().stream().map(change -> new HistoryEntry(change.status().name(), change.at())).toList());
    }
}
