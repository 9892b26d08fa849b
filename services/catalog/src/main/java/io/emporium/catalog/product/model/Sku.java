package io.emporium.catalog.product.model;

import java.util.Objects;
import java.util.regex.Pattern;

/** Stock keeping unit: the product code shared with inventory and orders, e.g. {@code SKU-000001}. Unique. */
public record Sku(String value) {

    /** Upper-case letters, digits and dashes, 3 to 32 characters, starting with a letter or digit. */
    public static final String FORMAT = "[A-Z0-9][A-Z0-9-]{2,31}";
    private static final Pattern PATTERN = Pattern.compile(FORMAT);

    public Sku {
        Objects.requireNonNull(value, "value");
        if (!PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("A SKU must match " + FORMAT + ", got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
