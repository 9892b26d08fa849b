package io.emporium.runner.auth;

import java.util.Objects;

/**
 * A login did not produce a token. The message is one sentence meant for a person; it never contains the password,
 * a token or an authorization code.
 */
public final class LoginFailedException extends RuntimeException {

    /** Why, for callers that react differently (a test expecting wrong credentials, say). */
    public enum Reason {
        /** Nothing answered at the issuer, or it did not answer in time. */
        UNREACHABLE,
        /** The login form rejected the user name and password. */
        BAD_CREDENTIALS,
        /** Identity refused to check the password (429): too many failed logins; the message says how long to wait. */
        THROTTLED,
        /** The server answered with an OAuth 2.0 error: unknown client or redirect URI, denied, bad code, ... */
        REFUSED,
        /** The server answered what this client does not expect, or an authorization response it did not ask for. */
        UNEXPECTED_RESPONSE
    }

    private final Reason reason;

    LoginFailedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    LoginFailedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }
}
