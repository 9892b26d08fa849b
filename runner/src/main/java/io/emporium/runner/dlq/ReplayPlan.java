package io.emporium.runner.dlq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which dead letters a replay publishes and which it skips because they were replayed before. Dead letters are
 * replayed oldest first, so two dead letters of one key reach its topic in the order they failed.
 *
 * @param replay  the dead letters to replay, oldest first
 * @param skipped the chosen dead letters that were replayed before, with that replay, oldest first
 */
public record ReplayPlan(List<DeadLetter> replay, List<Skipped> skipped) {

    /** A dead letter left alone because {@code previous} already replayed it. */
    public record Skipped(DeadLetter letter, Replay previous) {
    }

    public ReplayPlan {
        replay = List.copyOf(replay);
        skipped = List.copyOf(skipped);
    }

    /**
     * @param letters the dead letters to choose from
     * @param replays the recorded replays by dead-letter position
     * @param ids     the {@code ce_id}s to replay (each selects every dead letter with that id); empty for all
     * @param again   also replay what was replayed before
     * @throws IllegalArgumentException when an id matches no dead letter: then nothing should be replayed
     */
    public static ReplayPlan of(List<DeadLetter> letters, Map<String, Replay> replays, Set<String> ids,
                                boolean again) {
        Set<String> unknown = new LinkedHashSet<>(ids);
        letters.forEach(letter -> unknown.remove(letter.ceId()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no dead letter has ce_id " + String.join(", ", unknown)
                    + "; nothing replayed (./emporium dlq list shows them)");
        }
        List<DeadLetter> chosen = letters.stream().filter(letter -> ids.isEmpty() || ids.contains(letter.ceId()))
                .sorted(Comparator.comparingLong(DeadLetter::timestamp).thenComparing(DeadLetter::topic)
                        .thenComparingInt(DeadLetter::partition).thenComparingLong(DeadLetter::offset))
                .toList();
        List<DeadLetter> replay = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (DeadLetter letter : chosen) {
            Replay previous = replays.get(letter.position());
            if (previous != null && previous.isOf(letter) && !again) {
                skipped.add(new Skipped(letter, previous));
            } else {
                replay.add(letter);
            }
        }
        return new ReplayPlan(replay, skipped);
    }
}
