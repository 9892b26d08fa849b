package io.emporium.runner.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636): the secret {@code code_verifier} this client keeps and the {@code code_challenge} it shows
 * first, {@code BASE64URL(SHA-256(verifier))} without padding (method {@code S256}).
 */
record Pkce(String verifier, String challenge) {

    static final String METHOD = "S256";

    /** A fresh pair: the verifier is 32 random bytes, base64url-encoded (43 characters, RFC 7636 section 4.1). */
    static Pkce generate(SecureRandom random) {
        return of(randomBase64Url(random, 32));
    }

    static Pkce of(String verifier) {
        return new Pkce(verifier, challengeOf(verifier));
    }

    static String challengeOf(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code bytes} random bytes as unpadded base64url: used for the verifier and the {@code state}. */
    static String randomBase64Url(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
