package io.emporium.identity.key.model;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An RSA key pair that signs tokens (RS256), named by its key id ({@code kid}). Active while {@code retiredAt} is
 * null; a retired key signs nothing new but stays published until the tokens it signed have expired.
 *
 * <p>{@link #toString()} names the key, never its material.
 */
public record SigningKey(String kid, RSAPublicKey publicKey, RSAPrivateKey privateKey, Instant createdAt,
        @Nullable Instant retiredAt) {

    public static final int KEY_SIZE = 2048;

    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(createdAt, "createdAt");
        if (kid.isBlank()) {
            throw new IllegalArgumentException("kid must not be blank");
        }
        if (retiredAt != null && retiredAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("a key cannot be retired before it was created");
        }
    }

    /** A fresh, active RSA 2048 key with a random key id. */
    public static SigningKey generate(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            KeyPair pair = generator.generateKeyPair();
            return new SigningKey(UUID.randomUUID().toString(), (RSAPublicKey) pair.getPublic(),
                    (RSAPrivateKey) pair.getPrivate(), now, null);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("This JVM cannot generate RSA keys", ex);
        }
    }

    public boolean isActive() {
        return retiredAt == null;
    }

    /**
     * Whether the key must still be in the JWKS at {@code now}: it is active, or it was retired less than
     * {@code retention} ago (tokens it signed may still be valid).
     */
    public boolean isPublishedAt(Instant now, Duration retention) {
        return retiredAt == null || retiredAt.plus(retention).isAfter(now);
    }

    /** This key, retired at {@code at}. */
    public SigningKey retire(Instant at) {
        if (retiredAt != null) {
            throw new IllegalStateException("Key " + kid + " is already retired");
        }
        return new SigningKey(kid, publicKey, privateKey, createdAt, at);
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", createdAt=" + createdAt + ", retiredAt=" + retiredAt + "]";
    }
}
