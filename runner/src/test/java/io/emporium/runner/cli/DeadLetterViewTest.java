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
    void aRowShowsWhereWhenWhatAndWhyInOneLine() {
        List<String> lines = DeadLetterView.table(List.of(letter), Map.of(), ZoneOffset.UTC).lines();

        assertThat(lines.getFirst().split("\\s{2,}")).containsExactly("DEAD LETTER", "TIME", "TYPE", "CE_ID", "KEY",
                "ORIGINAL", "REPLAYED", "ERROR", "VALUE");
        assertThat(lines.get(1).split("\\s{2,}")).containsExactly("orders.order-events.DLT/0/3",
                "2026-01-02 09:30:15", "OrderPlaced", "id-1", "order-42", "orders.order-events/2/103", "no",
                "order has no customer", "{\"orderId\":\"o-1\"}");
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
        assertThat(first.get("exceptionMessage").asString()).isEqualTo("order has no customer\nsecond line");
        assertThat(first.get("value").asString()).isEqualTo("{\"orderId\":\"o-1\"}");
        assertThat(first.get("headers").propertyNames()).contains("ce_id", "ce_type", "content-type")
                .noneMatch(name -> name.startsWith("kafka_dlt-"));
        assertThat(first.get("replay").get("replayedTo").asString()).isEqualTo("orders.order-events/2/500");
    }
}
