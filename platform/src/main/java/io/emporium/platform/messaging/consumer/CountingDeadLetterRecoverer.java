package io.emporium.platform.messaging.consumer;

import io.emporium.platform.messaging.MessagingTopics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Spring Kafka's recoverer, publishing a failed record to {@code <topic>.DLT} (partition left to Kafka), that counts
 * each record in {@link DeadLetterCounter} once the dead-letter topic acknowledged it: {@link #accept} waits for the
 * acknowledgement and throws when the publication failed (then nothing is counted, and the error handler keeps the
 * record to try again).
 */
final class CountingDeadLetterRecoverer extends DeadLetterPublishingRecoverer {

    private final DeadLetterCounter counter;

    CountingDeadLetterRecoverer(KafkaOperations<?, ?> template, DeadLetterCounter counter) {
        super(template, (record, exception) -> new TopicPartition(MessagingTopics.deadLetterTopicOf(record.topic()), -1));
        this.counter = counter;
        // Spring Kafka's default, relied on here: accept() returns only once the dead letter was acknowledged
        setFailIfSendResultIsError(true);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
        super.accept(record, consumer, exception);
        counter.deadLettered(MessagingTopics.deadLetterTopicOf(record.topic()), exception);
    }
}
