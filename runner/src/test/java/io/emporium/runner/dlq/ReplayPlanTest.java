package io.emporium.runner.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ReplayPlanTest {

    private final DeadLetter older = DeadLetters.of("id-1", "orders.order-events", 0, 1_000);
    private final DeadLetter newer = DeadLetters.of("id-2", "orders.order-events", 1, 2_000);
    private final DeadLetter other = DeadLetters.of("id-3", "shipping.commands", 0, 1_500);

    @Test
    void replaysEveryDeadLetterOldestFirst() {
        ReplayPlan plan = ReplayPlan.of(List.of(newer, other, older), Map.of(), Set.of(), false);

        assertThat(plan.replay()).containsExactly(older, other, newer);
        assertThat(plan.skipped()).isEmpty();
    }

    @Test
    void replaysOnlyTheChosenIds() {
        ReplayPlan plan = ReplayPlan.of(List.of(older, newer, other), Map.of(), Set.of("id-2"), false);

        assertThat(plan.replay()).containsExactly(newer);
    }

    @Test
    void skipsWhatWasReplayedBeforeUnlessAskedAgain() {
        Map<String, Replay> replays = Map.of(older.position(), replayOf(older));

        ReplayPlan once = ReplayPlan.of(List.of(older, newer), replays, Set.of(), false);
        ReplayPlan again = ReplayPlan.of(List.of(older, newer), replays, Set.of(), true);

        assertThat(once.replay()).containsExactly(newer);
        assertThat(once.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.letter()).isEqualTo(older);
            assertThat(skipped.previous().replayedTo()).isEqualTo("orders.order-events/0/50");
        });
        assertThat(again.replay()).containsExactly(older, newer);
        assertThat(again.skipped()).isEmpty();
    }

    @Test
    void aNewDeadLetterAtAPositionReplayedBeforeTheTopicWasRecreatedIsReplayed() {
        DeadLetter recreated = DeadLetters.of("id-7", "orders.order-events", 0, 9_000);
        Map<String, Replay> replays = Map.of(older.position(), replayOf(older));

        assertThat(ReplayPlan.of(List.of(recreated), replays, Set.of(), false).replay()).containsExactly(recreated);
    }

    @Test
    void anUnknownIdReplaysNothing() {
        assertThatThrownBy(() -> ReplayPlan.of(List.of(older), Map.of(), Set.of("id-1", "nope"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no dead letter has ce_id nope");
    }

    private static Replay replayOf(DeadLetter letter) {
        return new Replay(letter.position(), letter.ceId(), letter.timestamp(), "orders.order-events/0/50",
                Instant.parse("2026-01-01T10:00:00Z"));
    }
}
