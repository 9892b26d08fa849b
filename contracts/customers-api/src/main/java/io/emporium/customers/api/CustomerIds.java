package io.emporium.customers.api;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for customer ids, which every service that names a customer checks the same way.
 *
 * <p>A customer id is the customer's user name at the identity service: identity issues it as the {@code sub} claim of
 * the customer's access tokens (docs/adr/0003), the orders service takes it from there, and it travels unchanged in the
 * {@code customerId} field of every message that names a customer ({@code OrderPlaced}, {@code AuthorizePayment},
 * {@code CreateShipment}, ...). Identity stores user names in a {@code varchar(50)} column, hence the length.
 */
public final class CustomerIds {

    /** 1 to 50 letters, digits, {@code .}, {@code _} or {@code -}: a regular expression for the whole id. */
    public static final String FORMAT = "[A-Za-z0-9._-]{1,50}";

    /** {@link #FORMAT}, compiled. */
    public static final Pattern PATTERN = Pattern.compile(FORMAT);

    private CustomerIds() {
    }

    /** Whether {@code id} is a customer id; {@code false} for {@code null}. */
    public static boolean isValid(@Nullable String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
