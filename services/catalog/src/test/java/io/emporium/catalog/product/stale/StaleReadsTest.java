package io.emporium.catalog.product.stale;

import java.time.Duration;

import io.emporium.platform.test.time.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaleReadsTest {

    private final TestClock clock = TestClock.at("2026-01-01T10:00:00Z");
    private final StaleReads reads = new StaleReads(100, Duration.ofMinutes(10), clock,
            () -> clock.millis() * 1_000_000);

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
}
