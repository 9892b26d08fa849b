package io.emporium.identity.key.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.emporium.identity.key.model.SigningKey;
import io.emporium.identity.key.model.SigningKeys;
import org.jspecify.annotations.Nullable;

/**
 * The issuer's key ring: one active key signs, and every key retired less than {@code retention} ago is still
 * published so that the tokens it signed keep verifying until they expire. Rotation therefore never logs anyone
 * out. Retention is the access-token lifetime plus a margin for clock skew.
 *
 * <p>Thread-safe; the state lives in {@link SigningKeys}, so every instance of the service sees the same ring.
 */
public final class SigningKeyRing {

    private final SigningKeys keys;
    private final Clock clock;
    private final Duration retention;

    public SigningKeyRing(SigningKeys keys, Clock clock, Duration retention) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative");
        }
        this.keys = keys;
        this.clock = clock;
        this.retention = retention;
    }

    /** The key that signs new tokens; creates one if there is none yet (first start of the first instance). */
    public SigningKey active() {
        return keys.active().orElseGet(() -> keys.activateUnlessOneIsActive(SigningKey.generate(clock.instant())));
    }

    /** The keys a verifier may need now: the active key first, then the recently retired ones, latest first. */
    public List<SigningKey> published() {
        Instant now = clock.instant();
        List<SigningKey> published = new ArrayList<>(keys.activeAndRetiredAfter(now.minus(retention)));
        if (published.stream().noneMatch(SigningKey::isActive)) {
            published.addFirst(active());
        }
        return List.copyOf(published);
    }

    /**
     * Makes a fresh key active and retires the one that was active; it stays published for {@code retention}.
     * Keys retired longer ago than that are deleted.
     */
    public Rotation rotate() {
        Instant now = clock.instant();
        SigningKey fresh = SigningKey.generate(now);
        String retired = keys.replaceActive(fresh, now).map(SigningKey::kid).orElse(null);
        keys.deleteRetiredBefore(now.minus(retention));
        return new Rotation(fresh.kid(), retired);
    }

    public Duration retention() {
        return retention;
    }

    /**
     * The outcome of a rotation.
     *
     * @param activeKid  the key that signs from now on
     * @param retiredKid the key that signed until now, or null if there was none
     */
    public record Rotation(String activeKid, @Nullable String retiredKid) {
    }
}
