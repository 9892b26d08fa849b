package io.emporium.identity.throttle;

/** Which count made an attempt wait: the {@code reason} of metrics and security events. */
enum Scope {

    /** One account guessed from one address: the steep backoff. */
    ACCOUNT_AND_ADDRESS("account-and-address"),
    /** One address guessing across accounts. */
    ADDRESS("address"),
    /** One account guessed from many addresses: the gentle, short-capped backoff. */
    ACCOUNT("account");

    private final String tag;

    Scope(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }
}
