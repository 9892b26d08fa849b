package io.emporium.runner.dlq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads whole topics as they are when the read starts: assigns every partition (no consumer group, nothing
 * committed), seeks to the beginning and reads up to the end offsets captured first, so records written meanwhile are
 * left out and the read always ends.
 */
final class TopicSnapshot {

    private static final Duration POLL = Duration.ofMillis(200);

    private TopicSnapshot() {
    }

    /**
     * Every committed record of the topics, in partition then offset order per topic.
     *
     * @param consumer without a {@code group.id}; it is left with no partitions assigned
     * @throws DeadLetterQueueException when a topic does not exist or the end is not reached within
     *                                  {@link KafkaCalls#TIMEOUT}
     */
    static List<ConsumerRecord<byte[], byte[]>> read(Admin admin, Consumer<byte[], byte[]> consumer,
                                                     Collection<String> topics) {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = KafkaCalls.await(admin.describeTopics(topics).allTopicNames(),
                "describing " + String.join(", ", topics));
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions.values().forEach(description -> description.partitions().forEach(
                partition -> partitions.add(new TopicPartition(description.name(), partition.partition()))));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KafkaCalls.TIMEOUT);
            long deadline = System.nanoTime() + KafkaCalls.TIMEOUT.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new DeadLetterQueueException("reading " + String.join(", ", topics)
                            + ": not at the end after " + KafkaCalls.TIMEOUT.toSeconds() + "s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
        } catch (KafkaException e) {
            throw new DeadLetterQueueException("reading " + String.join(", ", topics) + " failed: " + e.getMessage(),
                    e);
        } finally {
            consumer.assign(List.of());
        }
        records.sort(Comparator.<ConsumerRecord<byte[], byte[]>, String>comparing(ConsumerRecord::topic)
                .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
        return records;
    }

    private static boolean reached(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey(), KafkaCalls.TIMEOUT) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}
