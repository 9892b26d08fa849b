package io.emporium.payments.payment.model;

import java.util.regex.Pattern;

/**
 * The order a payment is for, as the orders service names it (a UUID today): 1-64 letters, digits, '.', '_' or
 * '-'. Every command and reply about the order is keyed by it.
 */
public record OrderId(String value) {

    public static final String FORMAT = "[A-Za-z0-9._-]{1,64}";
    private static final Pattern PATTERN = Pattern.compile(FORMAT);

    /** @throws IllegalArgumentException if {@code value} does not match {@link #FORMAT} */
    public OrderId {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("order id must match " + FORMAT + ": " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
