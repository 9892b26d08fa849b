package io.emporium.catalog.product.model;

import java.util.Objects;
import java.util.regex.Pattern;

/** A product category, named by its URL-friendly slug, e.g. {@code books} or {@code home-decor}. */
public record Category(String slug) {

    /** Lower-case letters and dashes, 1 to 40 characters. */
    public static final String FORMAT = "[a-z-]{1,40}";
    private static final Pattern PATTERN = Pattern.compile(FORMAT);

    public Category {
        Objects.requireNonNull(slug, "slug");
        if (!PATTERN.matcher(slug).matches()) {
            throw new IllegalArgumentException("A category must match " + FORMAT + ", got '" + slug + "'");
        }
    }

    @Override
    public String toString() {
        return slug;
    }
}
