package io.emporium.orders.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.payments.api.PaymentMessages;
import io.emporium.platform.messaging.MessagingTopics;
import io.emporium.shipping.api.ShippingMessages;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the orders service set aside from the participants' reply topics: every record on their dead-letter topics
 * ({@code <topic>.DLT}), from the beginning, with the reason Spring Kafka wrote into it.
 */
public final class DeadLetters implements AutoCloseable {

    /** A dead-lettered record: the topic it came from, its key (the order id), its type and why it was set aside. */
    public record DeadLetter(String originalTopic, String key, String type, String reason) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<DeadLetter> received = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private final Thread thread;

    public DeadLetters(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letters-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(MessagingTopics.deadLetterTopicOf(InventoryMessages.EVENTS),
                MessagingTopics.deadLetterTopicOf(PaymentMessages.EVENTS),
                MessagingTopics.deadLetterTopicOf(ShippingMessages.EVENTS)));
        this.thread = Thread.ofPlatform().name("dead-letters").start(this::run);
    }

    /** The dead letters about the order, oldest first. */
    public List<DeadLetter> about(String orderId) {
        return received.stream().filter(letter -> orderId.equals(letter.key())).toList();
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                received.add(new DeadLetter(text(record, "kafka_dlt-original-topic"), record.key(),
                        text(record, "ce_type"), text(record, "kafka_dlt-exception-message")));
            }
        }
        consumer.close();
    }

    private static String text(ConsumerRecord<String, byte[]> record, String header) {
        Header value = record.headers().lastHeader(header);
        return value == null ? "" : new String(value.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
