package io.emporium.identity.throttle;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether an attempt at a secret may be checked at all, for one {@link Endpoint}, from the failures counted
 * before ({@link ThrottleProperties}):
 * <ul>
 * <li>per (account, address): steep; reset by a success;</li>
 * <li>per address (network, for IPv6 a /64): spraying many accounts; a success does not reset it, or an attacker
 * could sign in to an account of their own between guesses;</li>
 * <li>per account: distributed guessing; gentle and short-capped.</li>
 * </ul>
 * An account that signed in from an address recently (whoever is there knew its secret) answers there to its own
 * (account, address) count alone: neither guessing at it from elsewhere nor spraying by a neighbour behind the same
 * address (NAT, or loopback on one machine) keeps it out.
 * An attempt refused here is not counted: a real user retrying during a wait does not lengthen it, and an attacker
 * learns nothing (the right secret is refused the same way). Thread-safe.
 */
final class GuessingThrottle {

    /** An attempt that must wait: which count says so and how long (the longest of the waits that apply). */
    record Refusal(Scope scope, Duration delay) {

        /** The {@code Retry-After} value: whole seconds, rounded up, at least 1. */
        long retryAfterSeconds() {
            return ThrottleEvents.seconds(delay);
        }
    }

    private final Endpoint endpoint;
    private final FailureCounts pairs;
    private final FailureCounts addresses;
    private final FailureCounts accounts;
    private final Cache<String, Boolean> signedIn;
    private final ThrottleEvents events;

    GuessingThrottle(Endpoint endpoint, ThrottleProperties properties, ThrottleEvents events, Ticker ticker) {
        this.endpoint = endpoint;
        this.events = events;
        this.pairs = new FailureCounts(properties.perAccountAndAddress(), properties.forgetAfter(),
                properties.maxTrackedKeys(), ticker);
        this.addresses = new FailureCounts(properties.perAddress(), properties.forgetAfter(),
                properties.maxTrackedKeys(), ticker);
        this.accounts = new FailureCounts(properties.perAccount(), properties.forgetAfter(),
                properties.maxTrackedKeys(), ticker);
        this.signedIn = Caffeine.newBuilder().maximumSize(properties.maxTrackedKeys()).ticker(ticker)
                .executor(Runnable::run).expireAfterWrite(properties.rememberSignInsFor()).build();
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /**
     * Whether {@code attempt} must wait; when it must, the refusal is recorded as a security event. Changes no count.
     */
    Optional<Refusal> check(Attempt attempt) {
        boolean signedInHere = attempt.account() != null && signedIn.getIfPresent(pairKey(attempt)) != null;
        @Nullable Refusal refusal = signedInHere ? null : refusal(Scope.ADDRESS, addresses, addressKey(attempt));
        if (attempt.account() != null) {
            refusal = longest(refusal, refusal(Scope.ACCOUNT_AND_ADDRESS, pairs, pairKey(attempt)));
            if (!signedInHere) {
                refusal = longest(refusal, refusal(Scope.ACCOUNT, accounts, attempt.account()));
            }
        }
        if (refusal != null) {
            events.throttled(endpoint, refusal.scope(), attempt, refusal.delay());
        }
        return Optional.ofNullable(refusal);
    }

    /** Counts a failed attempt under each of its keys; a count that starts a wait is recorded as a security event. */
    void failed(Attempt attempt) {
        count(Scope.ADDRESS, addresses, addressKey(attempt), attempt);
        if (attempt.account() != null) {
            count(Scope.ACCOUNT_AND_ADDRESS, pairs, pairKey(attempt), attempt);
            count(Scope.ACCOUNT, accounts, attempt.account(), attempt);
        }
    }

    /**
     * A successful attempt: forgets the failures of this account from this address and exempts the pair from the
     * per-account limit for a while. The address's and the account's own counts stay.
     */
    void succeeded(Attempt attempt) {
        if (attempt.account() == null) {
            return;
        }
        pairs.reset(pairKey(attempt));
        signedIn.put(pairKey(attempt), Boolean.TRUE);
    }

    /** The keys each count holds now: bounded by {@code max-tracked-keys} whatever is sprayed at it. */
    long trackedKeys() {
        signedIn.cleanUp();
        return Math.max(Math.max(pairs.size(), addresses.size()), Math.max(accounts.size(), signedIn.estimatedSize()));
    }

    private void count(Scope scope, FailureCounts counts, String key, Attempt attempt) {
        Duration wait = counts.failed(key);
        if (!wait.isZero()) {
            events.backoffStarted(endpoint, scope, attempt, wait);
        }
    }

    private static @Nullable Refusal refusal(Scope scope, FailureCounts counts, String key) {
        Duration wait = counts.remainingWait(key);
        return wait.isZero() ? null : new Refusal(scope, wait);
    }

    private static @Nullable Refusal longest(@Nullable Refusal first, @Nullable Refusal second) {
        if (first == null) {
            return second;
        }
        return second == null || first.delay().compareTo(second.delay()) >= 0 ? first : second;
    }

    private static String addressKey(Attempt attempt) {
        return ClientAddresses.network(attempt.address());
    }

    /** The account and the network, apart by a character no typed name can hold (control characters are replaced). */
    private static String pairKey(Attempt attempt) {
        return attempt.account() + '\n' + addressKey(attempt);
    }
}
