package io.emporium.runner.dlq;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code ./emporium dlq replay} has replayed: the compacted topic {@value #TOPIC}, one record per replayed dead
 * letter, keyed by its {@link DeadLetter#position()}, the value a {@link Replay} as JSON.
 * <p>
 * The ledger lives in Kafka, next to the dead letters it describes, rather than in a file under {@code var/}:
 * <ul>
 * <li>it lives and dies with them: wiping the local broker's data ({@code var/kafka}) starts dead-letter offsets over
 * and empties the ledger too, where a file would go on naming positions that now hold other records;</li>
 * <li>everyone replaying against one cluster ({@code --bootstrap}, another checkout, CI) sees the same ledger;</li>
 * <li>compaction keeps one record per dead letter, so it stays as small as the dead-letter topics themselves.</li>
 * </ul>
 * Two replays running at the same moment may both replay a dead letter; consumers skip the second by {@code ce_id}.
 */
final class ReplayLedger {

    /** The ledger topic: compacted, one partition (the replication factor is the broker's default). */
    static final String TOPIC = "emporium.dlq-replays";

    private final Admin admin;
    private final Consumer<byte[], byte[]> consumer;
    private final Supplier<Producer<byte[], byte[]>> producer;
    private final JsonMapper json = JsonMapper.builder().build();

    ReplayLedger(Admin admin, Consumer<byte[], byte[]> consumer, Supplier<Producer<byte[], byte[]>> producer) {
        this.admin = admin;
        this.consumer = consumer;
        this.producer = producer;
    }

    /** The latest replay of every dead letter, by position; empty (and nothing created) when there is no ledger yet. */
    Map<String, Replay> replays() {
        Set<String> topics = KafkaCalls.await(admin.listTopics().names(), "listing topics");
        if (!topics.contains(TOPIC)) {
            return Map.of();
        }
        Map<String, Replay> replays = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicSnapshot.read(admin, consumer, List.of(TOPIC))) {
            if (record.key() == null) {
                continue;
            }
            String position = new String(record.key(), StandardCharsets.UTF_8);
            parse(record.value()).ifPresentOrElse(replay -> replays.put(position, replay),
                    () -> replays.remove(position));
        }
        return replays;
    }

    /** Writes the replay, creating the ledger topic first if needed; returns once the broker has it. */
    void record(Replay replay) {
        ensureTopic();
        byte[] value = json.writeValueAsBytes(replay);
        KafkaCalls.await(producer.get().send(new ProducerRecord<>(TOPIC,
                replay.deadLetter().getBytes(StandardCharsets.UTF_8), value)), "recording the replay in " + TOPIC);
    }

    private void ensureTopic() {
        NewTopic topic = new NewTopic(TOPIC, Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            KafkaCalls.await(admin.createTopics(List.of(topic)).all(), "creating " + TOPIC);
        } catch (DeadLetterQueueException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** A tombstone, or a value that is not a replay (written by something else), counts as no replay. */
    private Optional<Replay> parse(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(value, Replay.class))
                    .filter(replay -> replay.deadLetter() != null);
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
