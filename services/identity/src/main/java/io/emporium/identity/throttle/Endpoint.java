package io.emporium.identity.throttle;

/** Where secrets are guessed: each endpoint keeps its own counts and is its own tag in metrics and events. */
enum Endpoint {

    /** {@code POST /login}: user name and password. */
    LOGIN("login", "user.name", "sign-ins", "user"),
    /** The endpoints that authenticate OAuth clients ({@code /oauth2/token} chiefly): client id and secret. */
    TOKEN("token", "client.id", "client authentications", "client");

    private final String tag;
    private final String accountField;
    private final String attempts;
    private final String account;

    Endpoint(String tag, String accountField, String attempts, String account) {
        this.tag = tag;
        this.accountField = accountField;
        this.attempts = attempts;
        this.account = account;
    }

    /** The value of the {@code endpoint} tag: {@code login} or {@code token}. */
    String tag() {
        return tag;
    }

    /** The ECS field that names the account in a security event. */
    String accountField() {
        return accountField;
    }

    /** What is refused, for messages: {@code sign-ins}. */
    String attempts() {
        return attempts;
    }

    /** What an account is, for messages: {@code user}. */
    String account() {
        return account;
    }
}
