package io.emporium.orders.order.model;

import java.util.regex.Pattern;

/** Who placed an order: 1-64 characters of letters, digits, '.', '_' and '-'. */
public record CustomerId(String value) {

    public static final String FORMAT = "[A-Za-z0-9._-]{1,64}";
    private static final Pattern PATTERN = Pattern.compile(FORMAT);

    public CustomerId {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("customer id must match " + FORMAT + ": " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
