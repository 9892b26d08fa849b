package io.emporium.payments.payment.application;

import java.util.Objects;

import io.emporium.payments.payment.model.OrderId;

/**
 * The idempotency key of a call to the payment provider, which answers a key it knows with its first answer and
 * does nothing new. Derived from the order and the operation ({@code authorize:<order id>}, {@code capture:...},
 * {@code void:...}, {@code refund:...}), never random: every attempt at one operation for one order, including the
 * attempt after a crash that lost what the first one did on our side, carries the same key, so the provider acts
 * at most once per order and operation.
 */
public record IdempotencyKey(String value) {

    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
    }

    public static IdempotencyKey authorize(OrderId orderId) {
        return of("authorize", orderId);
    }

    public static IdempotencyKey capture(OrderId orderId) {
        return of("capture", orderId);
    }

    public static IdempotencyKey voidAuthorization(OrderId orderId) {
        return of("void", orderId);
    }

    public static IdempotencyKey refund(OrderId orderId) {
        return of("refund", orderId);
    }

    private static IdempotencyKey of(String operation, OrderId orderId) {
        return new IdempotencyKey(operation + ":" + orderId.value());
    }

    @Override
    public String toString() {
        return value;
    }
}
