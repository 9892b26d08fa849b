package io.emporium.orders.order.application;

import java.util.Optional;

import io.emporium.orders.order.model.CustomerId;
import io.emporium.orders.order.model.OrderId;

/** Idempotency keys of order placements, per customer (a port). Runs in the caller's transaction. */
public interface IdempotencyKeys {

    /** What a key was first used for: the fingerprint of the request, and the order it placed. */
    record Use(String fingerprint, OrderId orderId) {
    }

    Optional<Use> find(CustomerId customer, String key);

    /**
     * Records the key's first use. When another transaction records the same key at the same time, this waits for
     * it and returns its use instead (the caller then answers as for a repeated key); otherwise returns empty.
     */
    Optional<Use> claim(CustomerId customer, String key, Use use);
}
