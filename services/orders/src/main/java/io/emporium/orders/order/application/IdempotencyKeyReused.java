package io.emporium.orders.order.application;

/** An idempotency key that was first used for a different request. */
public final class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused(String key) {
        super("idempotency key '" + key + "' was already used for a different order request");
    }
}
