package io.emporium.orders.order.model;

import java.util.Objects;
import java.util.UUID;

/** An order's identity: a random UUID, also the key of every message about the order. */
public record OrderId(UUID value) {

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    public static OrderId random() {
        return new OrderId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException if {@code text} is not a UUID */
    public static OrderId parse(String text) {
        return new OrderId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
