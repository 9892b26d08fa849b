package io.emporium.platform.test.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plays another service on a real broker: sends records in Emporium's envelope (CloudEvents binary mode: {@code ce_*}
 * headers, JSON value), written by hand so a test can send the very same message (same {@code ce_id}) twice, and
 * collects what arrives on the topics it watches. Thread-safe. As a static {@code @RegisterExtension} field it is
 * closed after the test class:
 * <pre>{@code
 * @RegisterExtension
 * static final CloudEventsClient saga = CloudEventsClient.onTestKafka(PaymentMessages.EVENTS, DEAD_LETTERS);
 * }</pre>
 */
public final class CloudEventsClient implements AutoCloseable, AfterAllCallback {

    private static final JsonMapper json = JsonMapper.shared();

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    public CloudEventsClient(String bootstrapServers, String... watchedTopics) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(watchedTopics));
    }

    /** A client of the shared test broker ({@link TestKafka}, started if need be) watching those topics. */
    public static CloudEventsClient onTestKafka(String... watchedTopics) {
        return new CloudEventsClient(TestKafka.bootstrapServers(), watchedTopics);
    }

    /** Sends a new message (fresh id) and returns its id. */
    public String send(String topic, String key, String type, Object data) {
        String id = UUID.randomUUID().toString();
        send(topic, key, id, type, data);
        return id;
    }

    /** Sends a message with the given id (sending the same id twice is a redelivery). */
    public void send(String topic, String key, String id, String type, Object data) {
        send(CloudEventRecords.cloudEvent("test-client", topic, key, type, data, id, null));
    }

    /**
     * Sends the record as it is (one of {@link CloudEventRecords}, or one that is no message at all) and waits
     * until the broker has it.
     */
    public synchronized void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not send " + record, ex);
        }
    }

    /** Everything received so far on {@code topic} with {@code key}, in arrival order (polls the broker first). */
    public List<Message> received(String topic, String key) {
        return records(topic, key).stream().map(Message::of).toList();
    }

    /** The records received so far on {@code topic} with {@code key}, as they arrived (polls the broker first). */
    public synchronized List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        return received.stream().filter(record -> record.topic().equals(topic) && key.equals(record.key())).toList();
    }

    /**
     * Waits up to {@code patience} until {@code count} records with {@code key} have arrived on {@code topic}, asserts
     * that no more did, and returns them in arrival order.
     */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, String key, int count, Duration patience) {
        await().atMost(patience).until(() -> records(topic, key).size() >= count);
        List<ConsumerRecord<String, byte[]>> records = records(topic, key);
        assertThat(records).as("records on %s with key %s", topic, key).hasSize(count);
        return records;
    }

    /** {@link #awaitRecords}, as messages. */
    public List<Message> awaitReceived(String topic, String key, int count, Duration patience) {
        return awaitRecords(topic, key, count, patience).stream().map(Message::of).toList();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void close() {
        producer.close();
        consumer.close();
    }

    /** A received record: key, CloudEvents type and id, and the data as a JSON tree. */
    public record Message(String key, String type, String id, JsonNode data) {

        static Message of(ConsumerRecord<String, byte[]> record) {
            return new Message(record.key(), text(record, "ce_type"), text(record, "ce_id"),
                    json.readTree(record.value()));
        }

        private static String text(ConsumerRecord<String, byte[]> record, String header) {
            Header value = record.headers().lastHeader(header);
            return value == null ? "" : new String(value.value(), StandardCharsets.UTF_8);
        }
    }
}
