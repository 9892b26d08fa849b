package io.emporium.runner.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.emporium.runner.dlq.DeadLetter;
import io.emporium.runner.dlq.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dlq list}: every dead letter, read without a consumer group. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists the records of every *.DLT topic (or one): where each is, when it was dead-lettered, "
                + "its ce_type, whether it leaves an order stuck (STUCK: COMPENSATION for release stock, void payment "
                + "or cancel shipment; FINALIZATION for capture payment or commit stock), the order (ce_subject or "
                + "key), its ce_id, where it came from, whether it was replayed, the reason (first line of the "
                + "exception message) and its value, shortened (--json has everything).",
                "Stuck orders that wait for a replay are summed up after the table, with the command that replays "
                        + "them.",
                "Reads as it is at the start, without a consumer group: commits nothing, moves no offsets."})
final class DlqListCommand implements Callable<Integer> {

    @Mixin
    CommandContext context;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Only this dead-letter topic: orders.order-events.DLT, or orders.order-events.")
    String topic;

    @Option(names = "--json", description = "A JSON array with full keys, values and exception messages.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = context.out();
        return kafka.withQueue(context, queue -> {
            List<DeadLetter> letters = queue.deadLetters(topic);
            Map<String, Replay> replays = queue.replays();
            if (json) {
                out.println(DeadLetterView.json(letters, replays));
            } else if (letters.isEmpty()) {
                out.println("No dead letters on "
                        + (topic == null ? "any *.DLT topic" : DeadLetter.deadLetterTopicOf(topic)) + " at "
                        + queue.bootstrapServers() + ".");
            } else {
                DeadLetterView.table(letters, replays, ZoneId.systemDefault()).lines().forEach(out::println);
                long replayed = letters.stream()
                        .filter(letter -> DeadLetterView.replayOf(letter, replays) != null).count();
                out.printf("%d dead letter%s, %d replayed. Replay: ./emporium dlq replay --id CE_ID | --all%n",
                        letters.size(), letters.size() == 1 ? "" : "s", replayed);
                DeadLetterView.stuckOrders(letters, replays).forEach(out::println);
            }
            out.flush();
            return 0;
        });
    }
}
