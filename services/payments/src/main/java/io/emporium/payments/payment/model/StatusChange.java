package io.emporium.payments.payment.model;

import java.time.Instant;
import java.util.Objects;

/** One entry of a payment's history: it reached {@code status} at {@code at}. */
public record StatusChange(PaymentStatus status, Instant at) {

    public StatusChange {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }
}
