package io.emporium.identity.throttle;

import org.jspecify.annotations.Nullable;

/**
 * One try at a secret: the account it was for (user name or client id, as typed; {@code null} when the request named
 * none) and the client address it came from ({@link ClientAddresses}). The account is made safe for keys and log
 * lines: control characters replaced, at most {@value #MAX_ACCOUNT_LENGTH} characters kept.
 */
record Attempt(@Nullable String account, String address) {

    static final int MAX_ACCOUNT_LENGTH = 64;

    Attempt {
        account = account == null || account.isEmpty() ? null : printable(account);
    }

    private static String printable(String typed) {
        String cleaned = typed.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() <= MAX_ACCOUNT_LENGTH ? cleaned : cleaned.substring(0, MAX_ACCOUNT_LENGTH) + "...";
    }
}
