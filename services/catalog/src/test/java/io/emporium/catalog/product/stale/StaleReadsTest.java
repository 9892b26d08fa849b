package io.emporium.catalog.product.stale;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.emporium.platform.test.time.TestClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaleReadsTest {

    private final TestClock clock = TestClock.at("2026-01-01T10:00:00Z");
    /** Opens after 3 unreachable reads out of the last 4, stays open until a test moves it on. */
    private final CircuitBreaker database = CircuitBreaker.of("catalog-db", StaleReads.breakerConfig(
            CircuitBreakerConfig.custom().slidingWindowSize(4).minimumNumberOfCalls(3).failureRateThreshold(50)
                    .waitDurationInOpenState(Duration.ofHours(1)).permittedNumberOfCallsInHalfOpenState(1)).build());
    private final StaleReads reads = new StaleReads(100, Duration.ofMinutes(10), clock,
            () -> clock.millis() * 1_000_000, database);

    private static String unreachable() {
        throw new CannotGetJdbcConnectionException("Connection is not available, request timed out after 1000ms");
    }

    @Test
    void answersFreshFromTheDatabaseAndKeepsTheAnswer() {
        StaleReads.Answer<String> answer = reads.read("k", () -> "fresh");

        assertThat(answer.value()).isEqualTo("fresh");
        assertThat(answer.stale()).isFalse();
        assertThat(reads.answersKept()).isOne();
    }

    @Test
    void servesTheLastGoodAnswerWithItsAgeWhileTheDatabaseIsUnreachable() {
        reads.read("k", () -> "good");
        clock.advance(Duration.ofSeconds(42));

        StaleReads.Answer<String> answer = reads.read("k", StaleReadsTest::unreachable);

        assertThat(answer.value()).isEqualTo("good");
        assertThat(answer.age()).isEqualTo(Duration.ofSeconds(42));
        assertThat(reads.unreachableSince()).hasValue(clock.instant());
        assertThat(reads.staleAnswersServed()).isOne();
    }

    @Test
    void refusesAReadNeverAnsweredBeforeWhileTheDatabaseIsUnreachable() {
        assertThatThrownBy(() -> reads.read("never", StaleReadsTest::unreachable))
                .isInstanceOf(DatabaseUnavailable.class)
                .satisfies(ex -> assertThat(((DatabaseUnavailable) ex).getHeaders().getFirst("Retry-After")).isNotNull());
        assertThat(reads.readsRefused()).isOne();
    }

    @Test
    void neverServesAnAnswerOlderThanTheMaximumAge() {
        reads.read("k", () -> "old");
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertThatThrownBy(() -> reads.read("k", StaleReadsTest::unreachable)).isInstanceOf(DatabaseUnavailable.class);
    }

    @Test
    void aFailureOfTheReadItselfIsNotHiddenByAStaleAnswer() {
        reads.read("k", () -> "good");

        assertThatThrownBy(() -> reads.read("k", () -> {
            throw new DataIntegrityViolationException("bad query");
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(reads.unreachableSince()).isEmpty();
    }

    @Test
    void theNextSuccessfulReadEndsTheOutage() {
        reads.read("k", () -> "good");
        reads.read("k", StaleReadsTest::unreachable);

        assertThat(reads.read("k", () -> "newer").stale()).isFalse();
        assertThat(reads.unreachableSince()).isEmpty();
    }

    @Test
    void onceTheBreakerIsOpenStaleAnswersComeWithoutAskingTheDatabase() {
        reads.read("k", () -> "fresh");
        for (int i = 0; i < 3; i++) {
            assertThat(reads.read("k", StaleReadsTest::unreachable).stale()).isTrue();
        }
        assertThat(database.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        AtomicInteger asked = new AtomicInteger();
        StaleReads.Answer<String> answer = reads.read("k", () -> {
            asked.incrementAndGet();
            return "fresh again";
        });
        assertThat(answer.stale()).isTrue();
        assertThat(answer.value()).isEqualTo("fresh");
        assertThat(asked).hasValue(0);
        assertThatThrownBy(() -> reads.read("never read", () -> "x")).isInstanceOf(DatabaseUnavailable.class);

        // the trial read after the wait finds the database back, and the breaker closes
        database.transitionToHalfOpenState();
        assertThat(reads.read("k", () -> "fresh again").stale()).isFalse();
        assertThat(database.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aFailureOfTheReadItselfNeverOpensTheBreaker() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> reads.read("k", () -> {
                throw new DataIntegrityViolationException("a bad query");
            })).isInstanceOf(DataIntegrityViolationException.class);
        }
        assertThat(database.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
