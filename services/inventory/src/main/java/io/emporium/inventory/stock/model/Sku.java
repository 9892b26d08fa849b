package io.emporium.inventory.stock.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Stock keeping unit: the product code shared with the catalog and orders, e.g. {@code SKU-000001}. */
public record Sku(String value) implements Comparable<Sku> {

    /** Upper-case letters, digits and dashes, 3 to 32 characters, starting with a letter or digit. */
    public static final String FORMAT = "[A-Z0-9][A-Z0-9-]{2,31}";
    private static final Pattern PATTERN = Pattern.compile(FORMAT);

    public Sku {
        Objects.requireNonNull(value, "value");
        if (!PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("A SKU must match " + FORMAT + ", got '" + value + "'");
        }
    }

    /** The SKU {@code text} names, or empty if it is null or not in the SKU format (so it can name no stock). */
    public static Optional<Sku> parse(String text) {
        return text != null && PATTERN.matcher(text).matches() ? Optional.of(new Sku(text)) : Optional.empty();
    }

    /** SKUs sort by their text; stock rows are always locked in this order, which keeps locking deadlock-free. */
    @Override
    public int compareTo(Sku other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
