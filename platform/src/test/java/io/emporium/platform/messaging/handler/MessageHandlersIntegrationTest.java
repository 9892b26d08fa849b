package io.emporium.platform.messaging.handler;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.emporium.platform.messaging.InvalidMessageException;
import io.emporium.platform.messaging.MessagingTopics;
import io.emporium.platform.messaging.RecordedMessages;
import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.kafka.CloudEventsClient;
import io.emporium.platform.test.kafka.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@link MessageHandlers} table as a service declares it, run by the platform on a real PostgreSQL and Kafka: the
 * use case stores a stock item (and can be told to fail), so every outcome shows in the database, the inbox and the
 * dead-letter topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.application.name=handlers-test", "emporium.messaging.consumer.max-attempts=3",
        "emporium.messaging.consumer.initial-backoff=50ms", "emporium.messaging.consumer.max-backoff=200ms",
        "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInfrastructure(database = "handlers", kafka = true, issuer = false)
class MessageHandlersIntegrationTest {

    static final String CONSUMER = "test-handlers";
    static final String TOPIC = "test.handlers";
    static final String DEAD_LETTERS = TOPIC + ".DLT";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    static CloudEventsClient kafka;

    @BeforeAll
    static void client() {
        kafka = new CloudEventsClient(TestKafka.bootstrapServers());
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Stock stock;

    @Autowired
    RecordedMessages deadLetters;

    @Autowired
    KafkaListenerEndpointRegistry registry;

    @Test
    void eachTypeGoesToItsUseCaseInTheContainerOfItsConsumerGroup() {
        String sku = sku();
        kafka.send(TOPIC, sku, ItemAdded.TYPE, new ItemAdded(sku, 5));
        String removal = kafka.send(TOPIC, sku, ItemRemoved.TYPE, new ItemRemoved(sku));

        await().atMost(PATIENCE).until(() -> processed(removal));
        assertThat(stock.added).containsEntry(sku, 5);
        assertThat(stock.removed).containsKey(sku);
        MessageListenerContainer container = registry.getListenerContainer(CONSUMER);
        assertThat(container).isNotNull();
        assertThat(container.getGroupId()).isEqualTo(CONSUMER);
        assertThat(container.getContainerProperties().getTopics()).containsExactly(TOPIC);
    }

    @Test
    void aTypeTheTableDoesNotNameIsSkipped() {
        String sku = sku();
        String unknown = kafka.send(TOPIC, sku, "ItemPainted", new ItemAdded(sku, 1));
        String known = kafka.send(TOPIC, sku, ItemAdded.TYPE, new ItemAdded(sku, 2));

        // same key, same partition: once the second is processed, the first was consumed
        await().atMost(PATIENCE).until(() -> processed(known));
        assertThat(processed(unknown)).isFalse();
        assertThat(deadLetters.on(DEAD_LETTERS)).noneMatch(letter -> sku.equals(letter.record().key()));
        assertThat(stock.attempts(sku)).isEqualTo(1);
    }

    @Test
    void dataTheConversionRejectsIsDeadLetteredAtOnceWithoutRunningTheUseCase() {
        String sku = sku();
        String id = kafka.send(TOPIC, sku, ItemAdded.TYPE, new ItemAdded(sku, 0));

        RecordedMessages.Received letter = awaitDeadLetter(id);
        assertThat(letter.header("kafka_dlt-exception-message")).contains("ItemAdded " + id + " is malformed",
                "quantity must be positive");
        assertThat(letter.header("kafka_dlt-exception-fqcn")).contains("ListenerExecutionFailedException");
        assertThat(letter.header("kafka_dlt-exception-stacktrace")).contains(InvalidMessageException.class.getName());
        assertThat(stock.attempts(sku)).isZero();
        assertThat(processed(id)).isFalse();
    }

    @Test
    void aMessageThatDoesNotCheckOutAgainstItsEnvelopeIsDeadLetteredAtOnce() {
        String sku = sku();
        String id = kafka.send(TOPIC, sku, ItemRemoved.TYPE, new ItemRemoved("another-" + sku));

        assertThat(awaitDeadLetter(id).header("kafka_dlt-exception-message"))
            .contains("subject " + sku + " is not the item another-" + sku);
        assertThat(stock.removed).doesNotContainKey("another-" + sku);
    }

    @Test
    void anExceptionTheTableNamesIsDeadLetteredAtOnceWithItsReasonAndRollsBack() {
        String sku = "refused-" + sku();
        String id = kafka.send(TOPIC, sku, ItemAdded.TYPE, new ItemAdded(sku, 1));

        RecordedMessages.Received letter = awaitDeadLetter(id);
        assertThat(letter.header("kafka_dlt-exception-message"))
            .contains("ItemAdded " + id + " cannot be processed: " + sku + " is discontinued");
        assertThat(stock.attempts(sku)).isEqualTo(1);
        assertThat(stored(sku)).isZero();
        assertThat(processed(id)).isFalse();
    }

    @Test
    void theSameMessageIdIsProcessedOnce() {
        String sku = sku();
        String id = UUID.randomUUID().toString();
        kafka.send(TOPIC, sku, id, ItemAdded.TYPE, new ItemAdded(sku, 3));
        kafka.send(TOPIC, sku, id, ItemAdded.TYPE, new ItemAdded(sku, 3));
        String after = kafka.send(TOPIC, sku, ItemRemoved.TYPE, new ItemRemoved(sku));

        await().atMost(PATIENCE).until(() -> processed(after));
        assertThat(stock.attempts(sku)).isEqualTo(1);
        assertThat(stored(sku)).isEqualTo(1);
    }

    @Test
    void aFailingEffectRollsBackWithItsInboxRowAndIsRetried() {
        String sku = "fail-once-" + sku();
        String id = kafka.send(TOPIC, sku, ItemAdded.TYPE, new ItemAdded(sku, 4));

        await().atMost(PATIENCE).until(() -> processed(id));
        // the first attempt stored the item and then failed: had its transaction committed, the retry would have
        // been a duplicate (inbox) or would have failed on the primary key
        assertThat(stock.attempts(sku)).isEqualTo(2);
        assertThat(stored(sku)).isEqualTo(1);
        assertThat(deadLetters.on(DEAD_LETTERS)).noneMatch(letter -> sku.equals(letter.record().key()));
    }

    @Test
    void anErrorIsAFailureThatIsRetriedAndThenDeadLetteredNeverAHandledMessage() {
        String sku = "error-" + sku();
        String id = kafka.send(TOPIC, sku, ItemAdded.TYPE, new ItemAdded(sku, 1));

        RecordedMessages.Received letter = awaitDeadLetter(id);
        assertThat(letter.header("kafka_dlt-exception-message")).contains("java.lang.AssertionError: the shelf fell");
        assertThat(stock.attempts(sku)).isEqualTo(3);
        assertThat(stored(sku)).isZero();
        assertThat(processed(id)).isFalse();
        // the container survived the Error and goes on with the next message
        String next = kafka.send(TOPIC, sku, ItemRemoved.TYPE, new ItemRemoved(sku));
        await().atMost(PATIENCE).until(() -> processed(next));
    }

    private RecordedMessages.Received awaitDeadLetter(String id) {
        await().atMost(PATIENCE).until(() -> deadLetters.withId(DEAD_LETTERS, id) != null);
        return deadLetters.withId(DEAD_LETTERS, id);
    }

    private boolean processed(String messageId) {
        return jdbc.queryForObject("select count(*) from inbox_message where consumer = ? and message_id = ?",
                Integer.class, CONSUMER, messageId) == 1;
    }

    private int stored(String sku) {
        return jdbc.queryForObject("select count(*) from stock_item where sku = ?", Integer.class, sku);
    }

    private static String sku() {
        return "sku-" + UUID.randomUUID();
    }

    /** A contract record, with its type name. */
    public record ItemAdded(String sku, int quantity) {

        public static final String TYPE = "ItemAdded";
    }

    /** A contract record whose subject must name the item. */
    public record ItemRemoved(String sku) {

        public static final String TYPE = "ItemRemoved";
    }

    /** The use case's input: a positive quantity of an item. */
    record Addition(String sku, int quantity) {

        Addition {
            if (quantity < 1) {
                throw new IllegalArgumentException("quantity must be positive");
            }
        }
    }

    /** Thrown for an item that can never be added. */
    static class Discontinued extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Discontinued(String sku) {
            super(sku + " is discontinued");
        }
    }

    /** The use cases: store an item (failing as its sku says), remember a removal. */
    static class Stock {

        private final JdbcTemplate jdbc;
        final Map<String, Integer> added = new ConcurrentHashMap<>();
        final Map<String, Boolean> removed = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        Stock(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        void add(Addition addition) {
            int attempt = attempts.computeIfAbsent(addition.sku(), sku -> new AtomicInteger()).incrementAndGet();
            jdbc.update("insert into stock_item (sku, quantity) values (?, ?)", addition.sku(), addition.quantity());
            if (addition.sku().startsWith("refused-")) {
                throw new Discontinued(addition.sku());
            }
            if (addition.sku().startsWith("fail-once-") && attempt == 1) {
                throw new IllegalStateException("the warehouse is busy");
            }
            if (addition.sku().startsWith("error-")) {
                throw new AssertionError("the shelf fell");
            }
            added.put(addition.sku(), addition.quantity());
        }

        void remove(String sku) {
            removed.put(sku, true);
        }

        int attempts(String sku) {
            AtomicInteger count = attempts.get(sku);
            return count == null ? 0 : count.get();
        }
    }

    static class DeadLetterListener {

        private final RecordedMessages recorded;

        DeadLetterListener(RecordedMessages recorded) {
            this.recorded = recorded;
        }

        @KafkaListener(id = "test-handlers-dead-letters", topics = DEAD_LETTERS)
        void deadLetter(ConsumerRecord<String, byte[]> record) {
            recorded.add(record, null);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ DeadLetterListener.class, RecordedMessages.class })
    static class TestApplication {

        @Bean
        KafkaAdmin.NewTopics testTopics(MessagingTopics topics) {
            return topics.withDeadLetterTopics(TOPIC);
        }

        @Bean
        Stock stock(JdbcTemplate jdbc) {
            return new Stock(jdbc);
        }

        @Bean
        MessageHandlers stockMessages(Stock stock) {
            return MessageHandlers.consumer(CONSUMER).topics(TOPIC)
                .on(ItemAdded.class, added -> new Addition(added.sku(), added.quantity()), stock::add)
                .on(ItemRemoved.class, message -> {
                    if (!message.subject().equals(message.data().sku())) {
                        throw new InvalidMessageException(message.type() + " " + message.id() + ": its subject "
                                + message.subject() + " is not the item " + message.data().sku());
                    }
                    return () -> stock.remove(message.data().sku());
                })
                .deadLetterOn(Discontinued.class)
                .build();
        }
    }
}
