package io.emporium.platform.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares a service's topics, each with its dead-letter twin {@code <topic>.DLT}, with the configured partitions and
 * replication ({@code emporium.messaging.topics.*}). Spring Boot's {@code KafkaAdmin} creates declared topics that do
 * not exist yet when the application starts (it never shrinks or reconfigures existing ones):
 * <pre>{@code
 * @Bean
 * KafkaAdmin.NewTopics orderTopics(MessagingTopics topics) {
 *     return topics.withDeadLetterTopics("orders.order-placed", "orders.order-cancelled");
 * }
 * }</pre>
 * Both the publisher and the consumers of a topic may declare it; declarations with the same settings agree. The
 * dead-letter topics declared here are remembered ({@link #declaredDeadLetterTopics}): the platform counts what is
 * dead-lettered on each of them from 0.
 */
public final class MessagingTopics {

    /** Suffix of a topic's dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    private final int partitions;
    private final short replicationFactor;
    private final Set<String> declaredDeadLetterTopics = ConcurrentHashMap.newKeySet();

    public MessagingTopics(int partitions, short replicationFactor) {
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication factor must be at least 1, got "
                    + partitions + " and " + replicationFactor);
        }
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    /** The given topics and their dead-letter twins, as one bean for {@code KafkaAdmin} to create. */
    public KafkaAdmin.NewTopics withDeadLetterTopics(String... topics) {
        List<NewTopic> all = new ArrayList<>();
        for (String topic : topics) {
            all.add(topic(topic));
            all.add(topic(deadLetterTopicOf(topic)));
            declaredDeadLetterTopics.add(deadLetterTopicOf(topic));
        }
        return new KafkaAdmin.NewTopics(all.toArray(NewTopic[]::new));
    }

    /** The dead-letter topic of {@code topic}: {@code <topic>.DLT}. */
    public static String deadLetterTopicOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** The dead-letter topics {@link #withDeadLetterTopics} declared so far, sorted. */
    public SortedSet<String> declaredDeadLetterTopics() {
        return new TreeSet<>(declaredDeadLetterTopics);
    }

    public int partitions() {
        return partitions;
    }

    public short replicationFactor() {
        return replicationFactor;
    }

    private NewTopic topic(String name) {
        return TopicBuilder.name(name).partitions(partitions).replicas(replicationFactor).build();
    }
}
