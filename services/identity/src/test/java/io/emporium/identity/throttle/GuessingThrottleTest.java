package io.emporium.identity.throttle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.emporium.identity.throttle.GuessingThrottle.Refusal;
import io.emporium.identity.throttle.ThrottleProperties.Backoff;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GuessingThrottleTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final AtomicLong now = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private GuessingThrottle throttle = throttle(1_000);

    @Test
    void theFailureThatReachesTheLimitStartsAWaitThatDoublesUpToTheLongest() {
        Attempt alice = new Attempt("alice", "192.0.2.1");
        fail(alice, 2);
        assertThat(throttle.check(alice)).isEmpty();

        assertThat(waitsAfterFailing(alice)).containsExactly(1L, 2L, 4L, 8L, 8L, 8L);
        assertThat(meters.get(ThrottleEvents.BACKOFFS).tag("endpoint", "login")
                .tag("reason", "account-and-address").counter().count()).isEqualTo(6);
    }

    @Test
    void attemptsDuringAWaitAreRefusedAndNotCounted() {
        Attempt alice = new Attempt("alice", "192.0.2.1");
        fail(alice, 3);

        for (int i = 0; i < 10; i++) {
            assertThat(throttle.check(alice)).hasValueSatisfying(refusal -> {
                assertThat(refusal.scope()).isEqualTo(Scope.ACCOUNT_AND_ADDRESS);
                assertThat(refusal.retryAfterSeconds()).isEqualTo(1);
            });
        }
        assertThat(meters.get(ThrottleEvents.THROTTLED).tag("endpoint", "login")
                .tag("reason", "account-and-address").counter().count()).isEqualTo(10);
        elapse(SECOND);
        assertThat(throttle.check(alice)).isEmpty();
        throttle.failed(alice);
        assertThat(throttle.check(alice)).map(Refusal::retryAfterSeconds).hasValue(2L);
    }

    @Test
    void aSuccessForgetsTheFailuresOfThatAccountFromThatAddress() {
        Attempt alice = new Attempt("alice", "192.0.2.1");
        fail(alice, 2);
        throttle.succeeded(alice);
        fail(alice, 2);

        assertThat(throttle.check(alice)).isEmpty();
    }

    @Test
    void oneAddressGuessingManyAccountsWaitsForAllOfThem() {
        for (int i = 0; i < 5; i++) {
            throttle.failed(new Attempt("user-" + i, "192.0.2.7"));
        }

        assertThat(throttle.check(new Attempt("bob", "192.0.2.7"))).map(Refusal::scope).hasValue(Scope.ADDRESS);
        assertThat(throttle.check(new Attempt("bob", "192.0.2.8"))).isEmpty();
    }

    @Test
    void anAccountThatSignedInFromAnAddressIsNotHeldUpBySprayingFromTheSameAddress() {
        Attempt ordersService = new Attempt("orders-service", "127.0.0.1");
        throttle.succeeded(ordersService);
        for (int i = 0; i < 5; i++) {
            throttle.failed(new Attempt("user-" + i, "127.0.0.1"));
        }

        assertThat(throttle.check(new Attempt("bob", "127.0.0.1"))).map(Refusal::scope).hasValue(Scope.ADDRESS);
        assertThat(throttle.check(ordersService)).isEmpty();
        fail(ordersService, 2);
        throttle.failed(ordersService);
        assertThat(throttle.check(ordersService)).as("its own count still applies").map(Refusal::scope)
                .hasValue(Scope.ACCOUNT_AND_ADDRESS);
    }

    @Test
    void oneAccountGuessedFromManyAddressesWaitsOnlyBriefly() {
        Attempt fromHome = new Attempt("alice", "192.0.2.1");
        throttle.succeeded(fromHome);
        for (int i = 0; i < 7; i++) {
            throttle.failed(new Attempt("alice", "198.51.100." + i));
        }

        Attempt fromElsewhere = new Attempt("alice", "203.0.113.9");
        assertThat(throttle.check(fromElsewhere)).hasValueSatisfying(refusal -> {
            assertThat(refusal.scope()).isEqualTo(Scope.ACCOUNT);
            assertThat(refusal.delay()).isLessThanOrEqualTo(Duration.ofSeconds(2));
        });
        assertThat(throttle.check(fromHome)).as("an address alice signed in from is exempt").isEmpty();
        assertThat(throttle.check(new Attempt("bob", "203.0.113.9"))).isEmpty();
    }

    @Test
    void anIpv6SubscriberCountsAsOneAddressWhateverItsInterfaceIdentifier() {
        for (int i = 0; i < 5; i++) {
            throttle.failed(new Attempt("user-" + i, "2001:db8:1:2::" + Integer.toHexString(i + 1)));
        }

        assertThat(throttle.check(new Attempt("bob", "2001:db8:1:2:ffff::1"))).map(Refusal::scope)
                .hasValue(Scope.ADDRESS);
        assertThat(throttle.check(new Attempt("bob", "2001:db8:1:3::1"))).isEmpty();
    }

    @Test
    void failuresAreForgottenAfterAQuietHourButNotDuringAWait() {
        throttle = new GuessingThrottle(Endpoint.LOGIN, new ThrottleProperties(new Backoff(1, Duration.ofHours(3),
                Duration.ofHours(3)), null, null, Duration.ofHours(1), Duration.ofDays(30), 1_000, List.of()),
                new ThrottleEvents(meters), now::get);
        Attempt alice = new Attempt("alice", "192.0.2.1");
        throttle.failed(alice);

        elapse(Duration.ofHours(2));
        assertThat(throttle.check(alice)).as("still waiting after the quiet hour").isPresent();
        elapse(Duration.ofHours(1));
        assertThat(throttle.check(alice)).isEmpty();
    }

    @Test
    void memoryStaysBoundedWhenAddressesAndNamesAreSprayed() {
        throttle = throttle(100);
        for (int i = 0; i < 20_000; i++) {
            Attempt sprayed = new Attempt("user-" + i, "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff));
            throttle.failed(sprayed);
            throttle.succeeded(sprayed);
        }

        assertThat(throttle.trackedKeys()).isLessThanOrEqualTo(100);
    }

    private GuessingThrottle throttle(long maxKeys) {
        // per (account, address): after 3, 1 s doubling to 8 s; per address: after 5; per account: after 6, up to 2 s
        ThrottleProperties properties = new ThrottleProperties(new Backoff(3, SECOND, Duration.ofSeconds(8)),
                new Backoff(5, SECOND, Duration.ofMinutes(5)), new Backoff(6, SECOND, Duration.ofSeconds(2)),
                Duration.ofHours(1), Duration.ofDays(30), maxKeys, List.of());
        return new GuessingThrottle(Endpoint.LOGIN, properties, new ThrottleEvents(meters), now::get);
    }

    private void fail(Attempt attempt, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.check(attempt)).isEmpty();
            throttle.failed(attempt);
        }
    }

    /** Fails six times, each once the previous wait is over: the waits, in seconds. */
    private List<Long> waitsAfterFailing(Attempt attempt) {
        return java.util.stream.IntStream.range(0, 6).mapToObj(i -> {
            assertThat(throttle.check(attempt)).isEmpty();
            throttle.failed(attempt);
            Refusal refusal = throttle.check(attempt).orElseThrow();
            elapse(refusal.delay());
            return refusal.retryAfterSeconds();
        }).toList();
    }

    private void elapse(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
