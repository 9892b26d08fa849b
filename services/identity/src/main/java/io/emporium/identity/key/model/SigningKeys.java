package io.emporium.identity.key.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The signing keys of the issuer, shared by every instance of the identity service. Every method is atomic and
 * safe when several instances call it at once.
 */
public interface SigningKeys {

    /** The key that signs new tokens, if there is one. */
    Optional<SigningKey> active();

    /**
     * Stores {@code candidate} as the active key unless a key is active already.
     *
     * @return the key that is active afterwards: {@code candidate}, or the one another caller made active first
     */
    SigningKey activateUnlessOneIsActive(SigningKey candidate);

    /**
     * Retires the active key (if any) at {@code at} and makes {@code fresh} the active key, in one step.
     *
     * @return the key that was retired, if there was an active key
     */
    Optional<SigningKey> replaceActive(SigningKey fresh, Instant at);

    /** The active key first, then every key retired after {@code retiredAfter}, the most recently retired first. */
    List<SigningKey> activeAndRetiredAfter(Instant retiredAfter);

    /**
     * Deletes the keys retired before {@code retiredBefore}: no valid token names them any more, and a private key
     * nobody needs is best destroyed.
     *
     * @return how many keys were deleted
     */
    int deleteRetiredBefore(Instant retiredBefore);
}
