package io.emporium.payments.payment.model;

import java.util.regex.Pattern;

/** Who pays: 1-64 letters, digits, '.', '_' or '-' (the orders service's format). */
public record CustomerId(String value) {

    public static final String FORMAT = "[A-Za-z0-9._-]{1,64}";
    private static final Pattern PATTERN = Pattern.compile(FORMAT);

    /** @throws IllegalArgumentException if {@code value} does not match {@link #FORMAT} */
    public CustomerId {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("customer id must match " + FORMAT + ": " + value);
        }
    }

    public boolean startsWith(String prefix) {
        return value.startsWith(prefix);
    }

    @Override
    public String toString() {
        return value;
    }
}
