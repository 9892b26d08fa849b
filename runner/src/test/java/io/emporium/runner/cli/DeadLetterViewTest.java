package io.emporium.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.emporium.runner.dlq.DeadLetter;
import io.emporium.runner.dlq.DeadLetters;
import io.emporium.runner.dlq.Replay;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DeadLetterViewTest {

    private static final long DEAD_LETTERED = Instant.parse("2026-01-02T09:30:15Z").toEpochMilli();

    private final DeadLetter letter = DeadLetters.of("id-1", "orders.order-events", 3, DEAD_LETTERED);
    private final Map<String, Replay> replayed = Map.of(letter.position(), new Replay(letter.position(), "id-1",
            DEAD_LETTERED, "orders.order-events/2/500", Instant.parse("2026-01-03T08:00:00Z")));

    @Test
    void aRowShowsWhereWhenWhatForWhichOrderAndWhyInOneLine() {
        List<String> lines = DeadLetterView.table(List.of(letter), Map.of(), ZoneOffset.UTC).lines();

        assertThat(lines.getFirst().split("\\s{2,}")).containsExactly("DEAD LETTER", "TIME", "TYPE", "STUCK", "ORDER",
                "CE_ID", "ORIGINAL", "REPLAYED", "REASON", "VALUE");
        assertThat(lines.get(1).split("\\s{2,}")).containsExactly("orders.order-events.DLT/0/3",
                "2026-01-02 09:30:15", "OrderPlaced", "-", "order-42", "id-1", "orders.order-events/2/103", "no",
                "order has no customer", "{\"orderId\":\"o-1\"}");
    }

    @Test
    void compensationsAndFinalizationsAreMarkedAsLeavingTheirOrderStuck() {
        List<DeadLetter> letters = List.of(
                DeadLetters.of("release-1", "inventory.ReleaseStock", "inventory.commands", 1, DEAD_LETTERED),
                DeadLetters.of("capture-1", "payments.CapturePayment", "payments.commands", 2, DEAD_LETTERED),
                letter);

        List<String> lines = DeadLetterView.table(letters, Map.of(), ZoneOffset.UTC).lines();

        assertThat(lines.get(1).split("\\s{2,}")).containsSubsequence("inventory.ReleaseStock", "COMPENSATION",
                "order-42", "release-1");
        assertThat(lines.get(2).split("\\s{2,}")).containsSubsequence("payments.CapturePayment", "FINALIZATION",
                "order-42", "capture-1");
        assertThat(lines.get(3).split("\\s{2,}")).containsSubsequence("OrderPlaced", "-", "order-42");
    }

    @Test
    void stuckOrdersWaitingForAReplayAreSummedUpWithTheCommandThatReplaysThem() {
        DeadLetter release = DeadLetters.of("release-1", "inventory.ReleaseStock", "inventory.commands", 1,
                DEAD_LETTERED);
        DeadLetter voidPayment = DeadLetters.of("void-1", "payments.VoidPayment", "payments.commands", 2,
                DEAD_LETTERED);
        DeadLetter cancel = DeadLetters.of("cancel-1", "shipping.CancelShipment", "shipping.commands", 3,
                DEAD_LETTERED);
        DeadLetter commit = DeadLetters.of("commit-1", "inventory.CommitStock", "inventory.commands", 4,
                DEAD_LETTERED);
        Map<String, Replay> cancelReplayed = Map.of(cancel.position(), new Replay(cancel.position(), "cancel-1",
                DEAD_LETTERED, "shipping.commands/0/9", Instant.parse("2026-01-03T08:00:00Z")));

        List<String> hints = DeadLetterView.stuckOrders(List.of(release, letter, voidPayment, cancel, commit),
                cancelReplayed);

        assertThat(hints).containsExactly(
                "! 2 compensations not replayed (inventory.ReleaseStock, payments.VoidPayment): each leaves its order"
                        + " stuck mid-compensation (stock still reserved, payment still authorized or shipment still"
                        + " scheduled). Fix the REASON, then: ./emporium dlq replay --id release-1 void-1",
                "! 1 finalization not replayed (inventory.CommitStock): each leaves its order confirmed but unsettled"
                        + " (payment not captured or stock not committed). Fix the REASON, then: ./emporium dlq"
                        + " replay --id commit-1");
        assertThat(DeadLetterView.stuckOrders(List.of(letter), Map.of())).isEmpty();
    }

    @Test
    void saysWhetherThisVeryDeadLetterWasReplayed() {
        DeadLetter sameSpotNewRecord = DeadLetters.of("id-9", "orders.order-events", 3, DEAD_LETTERED + 1);

        assertThat(DeadLetterView.table(List.of(letter, sameSpotNewRecord), replayed, ZoneOffset.UTC).lines())
                .satisfies(lines -> {
                    assertThat(lines.get(1)).contains("  yes  ");
                    assertThat(lines.get(2)).contains("  no  ");
                });
    }

    @Test
    void shortensLongTextsToOneLine() {
        assertThat(DeadLetterView.shorten("{\n  \"a\": 1,\n\t\"b\": 2\n}", 60)).isEqualTo("{ \"a\": 1, \"b\": 2 }");
        assertThat(DeadLetterView.shorten("x".repeat(100), 10)).isEqualTo("xxxxxxxxx…").hasSize(10);
        assertThat(DeadLetterView.shorten(null, 10)).isNull();
        assertThat(DeadLetterView.firstLine("\nListener failed\n\tat x")).isEqualTo("Listener failed");
    }

    @Test
    void jsonHasEverythingButSpringsDeadLetterHeaders() {
        JsonNode array = JsonMapper.builder().build().readTree(DeadLetterView.json(List.of(letter), replayed));

        JsonNode first = array.get(0);
        assertThat(first.get("deadLetter").asString()).isEqualTo("orders.order-events.DLT/0/3");
        assertThat(first.get("time").asString()).isEqualTo("2026-01-02T09:30:15Z");
        assertThat(first.get("originalTopic").asString()).isEqualTo("orders.order-events");
        assertThat(first.get("originalPartition").asLong()).isEqualTo(2);
        assertThat(first.get("originalOffset").asLong()).isEqualTo(103);
        assertThat(first.get("ceId").asString()).isEqualTo("id-1");
        assertThat(first.get("order").asString()).isEqualTo("order-42");
        assertThat(first.get("stuck").isNull()).isTrue();
        assertThat(first.get("exceptionMessage").asString()).isEqualTo("order has no customer\nsecond line");
        assertThat(first.get("value").asString()).isEqualTo("{\"orderId\":\"o-1\"}");
        assertThat(first.get("headers").propertyNames()).contains("ce_id", "ce_type", "content-type")
                .noneMatch(name -> name.startsWith("kafka_dlt-"));
        assertThat(first.get("replay").get("replayedTo").asString()).isEqualTo("orders.order-events/2/500");
    }
}
