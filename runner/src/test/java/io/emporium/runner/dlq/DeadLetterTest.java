package io.emporium.runner.dlq;

import static io.emporium.runner.dlq.DeadLetters.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void readsWhereItCameFromAsSpringKafkaWritesIt() {
        DeadLetter letter = DeadLetters.of("id-1", "orders.order-events", 7, 1_000);

        assertThat(letter.position()).isEqualTo("orders.order-events.DLT/0/7");
        assertThat(letter.originalTopic()).isEqualTo("orders.order-events");
        assertThat(letter.originalPartition()).isEqualTo(2L);
        assertThat(letter.originalOffset()).isEqualTo(107L);
        assertThat(letter.originalTimestamp()).isEqualTo(1_767_261_600_000L);
        assertThat(letter.originalPosition()).isEqualTo("orders.order-events/2/107");
        assertThat(letter.ceId()).isEqualTo("id-1");
        assertThat(letter.ceType()).isEqualTo("OrderPlaced");
        assertThat(letter.exceptionMessage()).isEqualTo("order has no customer\nsecond line");
    }

    @Test
    void replayHeadersAreTheOriginalOnesWithoutSpringsDeadLetterHeadersPlusWhereTheReplayCameFrom() {
        DeadLetter letter = DeadLetters.of("id-1", "orders.order-events", 7, 1_000);

        assertThat(letter.replayHeaders()).extracting(Header::key).containsExactly(
                "ce_specversion", "ce_id", "ce_type", "ce_source", "ce_subject", "content-type",
                "emporium-replayed-from");
        assertThat(valueOf(letter.replayHeaders(), "ce_id")).isEqualTo("id-1");
        assertThat(valueOf(letter.replayHeaders(), "emporium-replayed-from")).isEqualTo("orders.order-events.DLT/0/7");
    }

    @Test
    void aDeadLetterOfAnEarlierReplayNamesOnlyItsOwnPosition() {
        List<Header> headers = new ArrayList<>(DeadLetters.headers("id-1", "OrderPlaced", "orders.order-events", 0, 3,
                "boom"));
        headers.add(1, text("emporium-replayed-from", "orders.order-events.DLT/1/0"));
        DeadLetter again = new DeadLetter("orders.order-events.DLT", 2, 9, 1_000, null, null, headers);

        assertThat(again.replayHeaders()).extracting(Header::key).filteredOn("emporium-replayed-from"::equals)
                .hasSize(1);
        assertThat(valueOf(again.replayHeaders(), "emporium-replayed-from")).isEqualTo("orders.order-events.DLT/2/9");
    }

    @Test
    void aRecordNotDeadLetteredBySpringKafkaHasNoOrigin() {
        DeadLetter stray = new DeadLetter("x.DLT", 0, 0, 0, null, null, List.of(text("ce_id", "id-9")));

        assertThat(stray.originalTopic()).isNull();
        assertThat(stray.originalPosition()).isNull();
        assertThat(stray.originalPartition()).isNull();
        assertThat(stray.exceptionMessage()).isNull();
    }

    @Test
    void namesTheDeadLetterTopicOfATopicOrOfItself() {
        assertThat(DeadLetter.deadLetterTopicOf("orders.order-events")).isEqualTo("orders.order-events.DLT");
        assertThat(DeadLetter.deadLetterTopicOf("orders.order-events.DLT")).isEqualTo("orders.order-events.DLT");
    }

    private static String valueOf(List<Header> headers, String key) {
        return headers.stream().filter(header -> header.key().equals(key)).findFirst()
                .map(header -> new String(header.value(), StandardCharsets.UTF_8)).orElse(null);
    }
}
