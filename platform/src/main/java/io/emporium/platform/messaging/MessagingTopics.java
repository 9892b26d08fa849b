package io.emporium.platform.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
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

    /**
     * A topic with the configured partitions and replicas. Replicated (more than one replica), it also gets
     * {@code min.insync.replicas} = replicas - 1 (2 of 3 in production): with the producers' {@code acks=all}, a
     * message is acknowledged only once that many brokers have it, so losing one broker loses nothing and the topic
     * stays writable. Unclean leader election stays off: an out-of-date replica never becomes leader and drops what
     * was acknowledged. The single local broker (one replica) keeps the broker's defaults.
     */
    NewTopic topic(String name) {
        TopicBuilder topic = TopicBuilder.name(name).partitions(partitions).replicas(replicationFactor);
        if (replicationFactor > 1) {
            topic.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replicationFactor - 1))
                    .config(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false");
        }
        return topic.build();
    }
}
