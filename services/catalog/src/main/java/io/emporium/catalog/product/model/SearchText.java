package io.emporium.catalog.product.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a shopper typed into the search box, with whitespace normalised. Web-search syntax is understood
 * ({@code "oak table"}, {@code -glass}, {@code or}); plain words are all required, and the last of them also
 * matches as a prefix so that a query typed so far ({@code lea}) already finds {@code Leather}.
 */
public record SearchText(String text) {

    public static final int MAX_LENGTH = 100;
    private static final Pattern PLAIN_WORDS = Pattern.compile("[\\p{L}\\p{N}]+( [\\p{L}\\p{N}]+)*");

    public SearchText {
        text = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Search text cannot be blank");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Search text is limited to " + MAX_LENGTH + " characters");
        }
    }

    /** The search text, or empty when nothing (or only whitespace) was typed. */
    public static Optional<SearchText> parse(@Nullable String raw) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(new SearchText(raw));
    }

    /**
     * The words, lower-cased, when the text is plain words (letters and digits separated by spaces); empty when
     * it uses search syntax or punctuation, which then has no prefix matching.
     */
    public List<String> plainWords() {
        if (!PLAIN_WORDS.matcher(text).matches()) {
            return List.of();
        }
        return Arrays.stream(text.split(" ")).map(word -> word.toLowerCase(Locale.ROOT)).toList();
    }
}
