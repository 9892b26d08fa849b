package io.emporium.payments.payment.model;

import java.util.Objects;
import java.util.UUID;

/** A payment's identity: a random UUID, chosen by this service when the payment is first requested. */
public record PaymentId(UUID value) {

    public PaymentId {
        Objects.requireNonNull(value, "value");
    }

    public static PaymentId random() {
        return new PaymentId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
