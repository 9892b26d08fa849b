package io.emporium.runner.dlq;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead letters of one Kafka cluster: reads every {@code *.DLT} topic and replays dead letters to their original
 * topic. Reading assigns partitions directly, with no consumer group, so it commits nothing and moves no service's
 * offsets. Keys and values are bytes end to end: a replay is byte for byte the record that failed.
 */
public final class DeadLetterQueue implements AutoCloseable {

    private static final String CLIENT_ID = "emporium-dlq";

    private final String bootstrapServers;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ReplayLedger ledger;
    private KafkaProducer<byte[], byte[]> producer;

    private DeadLetterQueue(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KafkaCalls.TIMEOUT.toMillis()));
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KafkaCalls.TIMEOUT.toMillis()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.ledger = new ReplayLedger(admin, consumer, this::producer);
    }

    /** Clients for the cluster at {@code bootstrapServers}; they connect on first use. Close it. */
    public static DeadLetterQueue connect(String bootstrapServers) {
        return new DeadLetterQueue(bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Every dead-letter topic ({@code *.DLT}), sorted. */
    public List<String> deadLetterTopics() {
        Set<String> topics = new TreeSet<>(KafkaCalls.await(admin.listTopics().names(), "listing topics"));
        return topics.stream().filter(topic -> topic.endsWith(DeadLetter.SUFFIX)).toList();
    }

    /**
     * The dead letters on every dead-letter topic, or on one, by topic, partition and offset.
     *
     * @param topic a dead-letter topic or the topic whose dead letters to read ({@code orders.order-events} reads
     *              {@code orders.order-events.DLT}); {@code null} for all
     * @throws IllegalArgumentException when {@code topic} names no existing dead-letter topic
     */
    public List<DeadLetter> deadLetters(String topic) {
        List<String> topics = deadLetterTopics();
        if (topic != null) {
            String deadLetterTopic = DeadLetter.deadLetterTopicOf(topic);
            if (!topics.contains(deadLetterTopic)) {
                throw new IllegalArgumentException("no dead-letter topic " + deadLetterTopic + " on " + bootstrapServers
                        + (topics.isEmpty() ? " (there is none)" : " (there are: " + String.join(", ", topics) + ")"));
            }
            topics = List.of(deadLetterTopic);
        }
        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicSnapshot.read(admin, consumer, topics)) {
            letters.add(new DeadLetter(record.topic(), record.partition(), record.offset(), record.timestamp(),
                    record.key(), record.value(), List.of(record.headers().toArray())));
        }
        return letters;
    }

    /** The latest recorded replay of each dead letter, by {@link DeadLetter#position()}. */
    public Map<String, Replay> replays() {
        return ledger.replays();
    }

    /**
     * Publishes the dead letter to its original topic (same key, value and {@link DeadLetter#replayHeaders()}; the
     * partition is chosen from the key, as for any publication) and then records the replay in the ledger.
     * Not idempotent by itself: the caller skips what {@link #replays()} holds, see {@link ReplayPlan}.
     *
     * @return the recorded replay
     * @throws DeadLetterQueueException when the dead letter names no original topic, the topic does not exist, or a
     *                                  send fails; the message says whether the replay was published
     */
    public Replay replay(DeadLetter letter) {
        String target = letter.originalTopic();
        if (target == null) {
            throw new DeadLetterQueueException(letter.position() + " has no " + DeadLetter.ORIGINAL_TOPIC
                    + " header: it was not dead-lettered by Spring Kafka, so where it belongs is unknown");
        }
        if (!KafkaCalls.await(admin.listTopics().names(), "listing topics").contains(target)) {
            throw new DeadLetterQueueException("the original topic " + target + " of " + letter.position()
                    + " does not exist");
        }
        RecordMetadata sent = KafkaCalls.await(producer().send(new ProducerRecord<>(target, null, letter.key(),
                letter.value(), letter.replayHeaders())), "publishing " + letter.position() + " to " + target);
        Replay replay = new Replay(letter.position(), letter.ceId(), letter.timestamp(),
                target + "/" + sent.partition() + "/" + sent.offset(), Instant.now());
        try {
            ledger.record(replay);
        } catch (DeadLetterQueueException e) {
            throw new DeadLetterQueueException("replayed " + letter.position() + " to " + replay.replayedTo()
                    + " but could not record it (a second run would replay it again, which consumers skip by ce_id): "
                    + e.getMessage(), e);
        }
        return replay;
    }

    private Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) KafkaCalls.TIMEOUT.toMillis(),
                    CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) KafkaCalls.TIMEOUT.toMillis() / 2,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) KafkaCalls.TIMEOUT.toMillis()),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(KafkaCalls.TIMEOUT);
        }
        consumer.close();
        admin.close(KafkaCalls.TIMEOUT);
    }
}
