package io.emporium.identity.throttle;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How identity slows down password guessing at {@code POST /login} and client-secret guessing at the token endpoints
 * ({@code emporium.identity.throttle.*}). Failed attempts are counted under three keys, each with its own
 * {@link Backoff}; an attempt is refused (429, the password or secret not checked) while any of them is backing off.
 * The same settings apply to both endpoints, which keep separate counts. Counts live in this instance's memory:
 * with N instances behind a balancer an attacker gets up to N times the attempts before each wait.
 *
 * @param perAccountAndAddress the steep limit: one account (user name or client id) guessed from one client
 *                             address. Default: backoff after 5 failures, 1 s doubling to at most 15 min. Only the
 *                             guesser's own address suffers it. A successful sign-in resets it.
 * @param perAddress           one client address guessing across accounts (password spraying). Default: after 20
 *                             failures, 1 s doubling to at most 5 min. Users sharing the address (NAT) wait too,
 *                             unless they signed in from it within {@code remember-sign-ins-for}.
 * @param perAccount           one account guessed from many addresses. Deliberately gentle and short-capped, as it
 *                             is the one an attacker can turn against a real user: default after 20 failures, 1 s
 *                             doubling to at most 30 s; it never applies from an address the account signed in from
 *                             within {@code remember-sign-ins-for}.
 * @param forgetAfter          a key with no failure for this long starts afresh (default 1 h); a key is never
 *                             forgotten while it is backing off
 * @param rememberSignInsFor   how long an (account, address) pair that signed in stays exempt from the per-address
 *                             and per-account limits (default 30 days, or until the instance restarts)
 * @param maxTrackedKeys       the most keys each count holds, per endpoint (default 10,000, a few MB in all): the
 *                             least useful are dropped first, so an attacker spraying addresses or names cannot grow
 *                             memory
 * @param trustedProxies       addresses or CIDR ranges of proxies whose {@code X-Forwarded-For} is believed (default
 *                             none: the client address is the connection's remote address)
 */
@ConfigurationProperties("emporium.identity.throttle")
public record ThrottleProperties(
        @Nullable Backoff perAccountAndAddress,
        @Nullable Backoff perAddress,
        @Nullable Backoff perAccount,
        @DefaultValue("1h") Duration forgetAfter,
        @DefaultValue("30d") Duration rememberSignInsFor,
        @DefaultValue("10000") long maxTrackedKeys,
        @DefaultValue List<String> trustedProxies) {

    static final Backoff DEFAULT_PER_ACCOUNT_AND_ADDRESS = new Backoff(5, Duration.ofSeconds(1), Duration.ofMinutes(15));
    static final Backoff DEFAULT_PER_ADDRESS = new Backoff(20, Duration.ofSeconds(1), Duration.ofMinutes(5));
    static final Backoff DEFAULT_PER_ACCOUNT = new Backoff(20, Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** Each backoff left out takes its default; setting one of its properties means setting all three. */
    public ThrottleProperties {
        perAccountAndAddress = perAccountAndAddress != null ? perAccountAndAddress : DEFAULT_PER_ACCOUNT_AND_ADDRESS;
        perAddress = perAddress != null ? perAddress : DEFAULT_PER_ADDRESS;
        perAccount = perAccount != null ? perAccount : DEFAULT_PER_ACCOUNT;
        if (maxTrackedKeys < 1) {
            throw new IllegalArgumentException("emporium.identity.throttle.max-tracked-keys must be at least 1, was "
                    + maxTrackedKeys);
        }
        requirePositive(forgetAfter, "forget-after");
        requirePositive(rememberSignInsFor, "remember-sign-ins-for");
    }

    /**
     * After {@code failuresBeforeBackoff} failures under one key, every further attempt waits: the failure that
     * reaches the limit starts a wait of {@code firstWait}, each failure after it (once the wait is over) doubles
     * it, up to {@code longestWait}. Attempts refused during a wait do not count.
     */
    public record Backoff(int failuresBeforeBackoff, Duration firstWait, Duration longestWait) {

        public Backoff {
            if (failuresBeforeBackoff < 1) {
                throw new IllegalArgumentException("failures-before-backoff must be at least 1, was "
                        + failuresBeforeBackoff);
            }
            requirePositive(firstWait, "first-wait");
            if (longestWait.compareTo(firstWait) < 0) {
                throw new IllegalArgumentException("longest-wait (" + longestWait + ") must not be shorter than "
                        + "first-wait (" + firstWait + ")");
            }
        }

        /** The wait started by the {@code failures}-th failure: zero below the limit. */
        Duration waitAfter(int failures) {
            if (failures < failuresBeforeBackoff) {
                return Duration.ZERO;
            }
            int doublings = failures - failuresBeforeBackoff;
            if (doublings >= 40) {
                return longestWait;
            }
            Duration wait = firstWait.multipliedBy(1L << doublings);
            return wait.compareTo(longestWait) > 0 ? longestWait : wait;
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("emporium.identity.throttle " + name + " must be positive, was "
                    + duration);
        }
    }
}
