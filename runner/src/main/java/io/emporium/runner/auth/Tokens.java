package io.emporium.runner.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * What the token endpoint issued for one login.
 *
 * @param accessToken the access token (a JWT), never blank
 * @param tokenType   {@code Bearer}
 * @param expiresIn   how long the access token is valid from when it was issued; {@link Duration#ZERO} when the
 *                    server did not say
 * @param scope       the granted scopes, space-separated, as the server sent them (the requested ones when it did not)
 * @param idToken     the OpenID Connect ID token, or {@code null} when none was issued
 */
public record Tokens(String accessToken, String tokenType, Duration expiresIn, String scope, String idToken) {

    public Tokens {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken must not be blank");
        }
        Objects.requireNonNull(tokenType, "tokenType");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Objects.requireNonNull(scope, "scope");
    }

    /** Without the tokens themselves, so that a log line or a failed assertion never shows one. */
    @Override
    public String toString() {
        return "Tokens[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope + ", idToken="
                + (idToken == null ? "none" : "present") + "]";
    }
}
