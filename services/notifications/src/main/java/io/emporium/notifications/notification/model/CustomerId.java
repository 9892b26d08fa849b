package io.emporium.notifications.notification.model;

import java.util.Objects;
import java.util.regex.Pattern;

/** Identity of a customer, assigned by the identity service: 1 to 100 characters without whitespace. */
public record CustomerId(String value) {

    public static final String FORMAT = "\\S{1,100}";
    private static final Pattern PATTERN = Pattern.compile(FORMAT);

    public CustomerId {
        Objects.requireNonNull(value, "value");
        if (!PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("A customer id must match " + FORMAT + ", got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
