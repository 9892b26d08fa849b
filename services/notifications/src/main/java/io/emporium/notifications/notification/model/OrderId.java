package io.emporium.notifications.notification.model;

import java.util.Objects;
import java.util.regex.Pattern;

/** Identity of an order, assigned by the orders service. */
public record OrderId(String value) {

    /** Letters, digits, {@code . _ : -}; 1 to 64 characters, starting with a letter or digit (UUIDs fit). */
    public static final String FORMAT = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";
    private static final Pattern PATTERN = Pattern.compile(FORMAT);

    public OrderId {
        Objects.requireNonNull(value, "value");
        if (!PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("An order id must match " + FORMAT + ", got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
