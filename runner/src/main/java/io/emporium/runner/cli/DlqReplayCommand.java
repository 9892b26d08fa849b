package io.emporium.runner.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.emporium.runner.dlq.DeadLetter;
import io.emporium.runner.dlq.DeadLetterQueue;
import io.emporium.runner.dlq.DeadLetterQueueException;
import io.emporium.runner.dlq.Replay;
import io.emporium.runner.dlq.ReplayPlan;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dlq replay}: publishes chosen dead letters to their original topic again, once each. Safe to run twice: a
 * dead letter the ledger records as replayed is skipped unless {@code --again}; and since a replay keeps the
 * {@code ce_id}, a consumer that did process the original skips the replay too. Stops at the first failure, so that
 * dead letters of one key are never replayed out of order; exits 1 then.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Publishes dead letters to their original topic (kafka_dlt-original-topic) again: same key, "
                + "value and headers (so the same ce_id) without the kafka_dlt-* ones, plus emporium-replayed-from="
                + "<dlt>/<partition>/<offset>. Oldest first; stops at the first failure (exit 1).",
                "Each replay is recorded in the compacted topic emporium.dlq-replays; what it holds is skipped unless "
                        + "--again, so running it twice replays nothing twice."})
final class DlqReplayCommand implements Callable<Integer> {

    @Mixin
    CommandContext context;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Only the dead letters of this topic: orders.order-events.DLT, or orders.order-events.")
    String topic;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {

        @Option(names = "--id", arity = "1..*", paramLabel = "CE_ID", required = true,
                description = "The dead letters with these ce_ids: --id ID1 ID2 (see ./emporium dlq list).")
        List<String> ids;

        @Option(names = "--all", required = true, description = "Every dead letter (of --topic).")
        boolean all;
    }

    @Option(names = "--again", description = "Also replay dead letters that were replayed before.")
    boolean again;

    @Option(names = "--dry-run", description = "Only print what would be replayed and skipped; publish nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = context.out();
        Set<String> ids = choice.all ? Set.of() : new LinkedHashSet<>(choice.ids);
        return kafka.withQueue(context, queue -> {
            List<DeadLetter> letters = queue.deadLetters(topic);
            ReplayPlan plan = ReplayPlan.of(letters, queue.replays(), ids, again);
            if (plan.replay().isEmpty() && plan.skipped().isEmpty()) {
                out.println("No dead letters to replay"
                        + (topic == null ? "" : " on " + DeadLetter.deadLetterTopicOf(topic)) + " at "
                        + queue.bootstrapServers() + ".");
                out.flush();
                return 0;
            }
            for (ReplayPlan.Skipped skipped : plan.skipped()) {
                out.println(line("skipped", skipped.letter()) + "  (replayed " + skipped.previous().replayedAt()
                        + " to " + skipped.previous().replayedTo() + "; --again replays it again)");
            }
            if (dryRun) {
                plan.replay().forEach(letter -> out.println(line("would replay", letter) + " -> "
                        + letter.originalTopic()));
                out.printf("Dry run: would replay %d, skip %d; nothing was published.%n", plan.replay().size(),
                        plan.skipped().size());
                out.flush();
                return 0;
            }
            int failedAt = replay(queue, plan.replay(), out);
            int replayed = failedAt < 0 ? plan.replay().size() : failedAt;
            out.printf("Replayed %d, skipped %d replayed before%s.%n", replayed, plan.skipped().size(),
                    failedAt < 0 ? "" : ", failed 1, not tried " + (plan.replay().size() - replayed - 1));
            out.flush();
            return failedAt < 0 ? 0 : 1;
        });
    }

    /** Replays in order; returns the index of the one that failed (after saying why), or -1 when all were replayed. */
    private int replay(DeadLetterQueue queue, List<DeadLetter> letters, PrintWriter out) {
        for (int i = 0; i < letters.size(); i++) {
            DeadLetter letter = letters.get(i);
            try {
                Replay replay = queue.replay(letter);
                out.println(line("replayed", letter) + " -> " + replay.replayedTo());
            } catch (DeadLetterQueueException e) {
                out.println(line("FAILED", letter) + ": " + e.getMessage());
                return i;
            }
            out.flush();
        }
        return -1;
    }

    /** {@code replayed      orders.order-events.DLT/0/3  OrderPlaced  5f3c...}. */
    static String line(String outcome, DeadLetter letter) {
        return String.format("%-12s  %s  %s  %s", outcome, letter.position(), letter.ceType(), letter.ceId());
    }
}
