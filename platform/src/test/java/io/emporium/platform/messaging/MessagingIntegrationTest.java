package io.emporium.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.emporium.platform.messaging.producer.MessagingProducer;
import io.emporium.platform.quarantine.Quarantine;
import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Messaging end to end on a real PostgreSQL and a real Kafka broker: outbox, relay, envelope, trace propagation,
 * inbox, retries and dead-letter topics, all as a service gets them from the starter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.application.name=messaging-test", "emporium.messaging.consumer.max-attempts=3",
        "spring.kafka.producer.properties.max.request.size=65536",
        "emporium.messaging.consumer.initial-backoff=50ms", "emporium.messaging.consumer.max-backoff=200ms",
        "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInfrastructure(database = "messaging", kafka = true, issuer = false)
class MessagingIntegrationTest {

    static final String ORDERS = "test.stock-reserved";
    static final String BURST = "test.burst";
    static final String FAILING = "test.always-failing";
    static final String INVALID = "test.invalid";
    static final String DEAD_LETTERED = "emporium.messaging.dead_lettered";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    Outbox outbox;

    @Autowired
    Inbox inbox;

    @Autowired
    MessageReader reader;

    @Autowired
    RecordedMessages recorded;

    @Autowired
    Listeners listeners;

    @Autowired
    Tracer tracer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MessagingProducer producer;

    @Autowired
    List<Quarantine> quarantines;

    TransactionTemplate transactions;

    @Autowired
    void transactions(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        String key = "sku-" + UUID.randomUUID();
        String rolledBack = transactions.execute(status -> {
            String id = outbox.publish(stockReserved(ORDERS, key, 1));
            status.setRollbackOnly();
            return id;
        });
        String committed = transactions.execute(status -> outbox.publish(stockReserved(ORDERS, key, 2)));

        // the committed message has a higher id and the same key: had the first one been committed, it would be first
        await().atMost(PATIENCE).until(() -> recorded.withId(ORDERS, committed) != null);
        assertThat(recorded.withId(ORDERS, rolledBack)).isNull();
        assertThat(recorded.values(ORDERS, key)).containsExactly("{\"sku\":\"" + key + "\",\"quantity\":2}");
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where message_id = ?::uuid",
                Integer.class, rolledBack)).isZero();
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.publish(stockReserved(ORDERS, "sku-1", 1)))
            .isInstanceOf(IllegalTransactionStateException.class)
            .hasMessageContaining("active transaction");
    }

    @Test
    void committedMessageArrivesWithTheFullEnvelopeAndContinuesThePublishersTrace() {
        String key = "sku-" + UUID.randomUUID();
        Span publishing = tracer.nextSpan().name("reserve-stock").start();
        String id;
        try (Tracer.SpanInScope scope = tracer.withSpan(publishing)) {
            id = transactions.execute(status -> outbox.publish(new OutgoingMessage(ORDERS, key, "StockReserved",
                    "reservation/" + key, new StockReserved(key, 3), "customer-42")));
        }
        finally {
            publishing.end();
        }

        await().atMost(PATIENCE).until(() -> recorded.withId(ORDERS, id) != null);
        RecordedMessages.Received received = recorded.withId(ORDERS, id);
        ConsumerRecord<String, byte[]> record = received.record();
        String traceId = publishing.context().traceId();
        assertThat(record.key()).isEqualTo(key);
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
            .isEqualTo("{\"sku\":\"" + key + "\",\"quantity\":3}");
        assertThat(received.header("ce_specversion")).isEqualTo("1.0");
        assertThat(received.header("ce_id")).isEqualTo(id);
        assertThat(received.header("ce_source")).isEqualTo("messaging-test");
        assertThat(received.header("ce_type")).isEqualTo("StockReserved");
        assertThat(received.header("ce_subject")).isEqualTo("reservation/" + key);
        assertThat(OffsetDateTime.parse(received.header("ce_time")))
            .isBetween(OffsetDateTime.now().minusMinutes(1), OffsetDateTime.now());
        assertThat(received.header("content-type")).isEqualTo("application/json");
        assertThat(received.header("ce_customerid")).isEqualTo("customer-42");
        assertThat(received.header("traceparent"))
            .isEqualTo("00-" + traceId + "-" + publishing.context().spanId() + "-01");
        assertThat(received.header("ce_traceparent")).isEqualTo(received.header("traceparent"));
        assertThat(received.traceId()).as("trace id in the listener").isEqualTo(traceId);

        IncomingMessage<StockReserved> message = reader.read(record, StockReserved.class);
        assertThat(message.id()).isEqualTo(id);
        assertThat(message.type()).isEqualTo("StockReserved");
        assertThat(message.source()).isEqualTo("messaging-test");
        assertThat(message.subject()).isEqualTo("reservation/" + key);
        assertThat(message.customerId()).isEqualTo("customer-42");
        assertThat(message.data()).isEqualTo(new StockReserved(key, 3));
        assertThat(reader.typeOf(record)).isEqualTo("StockReserved");
    }

    @Test
    void messagesOfEachKeyArriveInCommitOrderWhenManyKeysPublishConcurrently() throws Exception {
        int keys = 6;
        int perKey = 50;
        String run = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService publishers = Executors.newFixedThreadPool(keys);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                String key = run + "-" + k;
                done.add(publishers.submit(() -> {
                    for (int seq = 0; seq < perKey; seq++) {
                        OutgoingMessage message = new OutgoingMessage(BURST, key, "Counted", key, new Counted(seq),
                                null);
                        transactions.executeWithoutResult(status -> outbox.publish(message));
                    }
                }));
            }
            for (Future<?> publisher : done) {
                publisher.get();
            }
        }
        finally {
            publishers.shutdown();
        }

        List<String> expected = IntStream.range(0, perKey).mapToObj(seq -> "{\"seq\":" + seq + "}").toList();
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (int k = 0; k < keys; k++) {
                assertThat(recorded.values(BURST, run + "-" + k)).as("key %s", k).hasSize(perKey);
            }
        });
        for (int k = 0; k < keys; k++) {
            assertThat(recorded.values(BURST, run + "-" + k)).as("key %s", k).containsExactlyElementsOf(expected);
        }
        assertThat(meters.get("emporium.outbox.published").counter().count()).isGreaterThanOrEqualTo(keys * perKey);
    }

    @Test
    void inboxRunsTheEffectOnceForTheSameMessage() {
        String messageId = UUID.randomUUID().toString();
        AtomicInteger effects = new AtomicInteger();
        double duplicatesBefore = duplicates("test.reserve-stock");

        Boolean first = transactions.execute(s -> inbox.processOnce("test.reserve-stock", messageId,
                effects::incrementAndGet));
        Boolean second = transactions.execute(s -> inbox.processOnce("test.reserve-stock", messageId,
                effects::incrementAndGet));
        Boolean otherConsumer = transactions.execute(s -> inbox.processOnce("test.notify-customer", messageId,
                effects::incrementAndGet));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(otherConsumer).isTrue();
        assertThat(effects).hasValue(2);
        assertThat(duplicates("test.reserve-stock")).isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void inboxDoesNotMarkAMessageWhoseEffectRolledBack() {
        String messageId = UUID.randomUUID().toString();
        AtomicInteger effects = new AtomicInteger();

        assertThatThrownBy(() -> transactions.execute(s -> inbox.processOnce("test.reserve-stock", messageId, () -> {
            effects.incrementAndGet();
            throw new IllegalStateException("out of stock");
        }))).hasMessage("out of stock");
        Boolean redelivered = transactions.execute(s -> inbox.processOnce("test.reserve-stock", messageId,
                effects::incrementAndGet));

        assertThat(redelivered).isTrue();
        assertThat(effects).hasValue(2);
    }

    @Test
    void inboxRefusesToWorkOutsideATransaction() {
        assertThatThrownBy(() -> inbox.processOnce("test.reserve-stock", "m-1", () -> { }))
            .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void recordThatAlwaysFailsLandsOnTheDeadLetterTopicAfterMaxAttempts() {
        String key = "sku-" + UUID.randomUUID();
        double deadLettered = deadLettered(FAILING + ".DLT", "failed");
        String id = transactions.execute(s -> outbox.publish(stockReserved(FAILING, key, 1)));

        await().atMost(PATIENCE).until(() -> recorded.withId(FAILING + ".DLT", id) != null);
        RecordedMessages.Received dead = recorded.withId(FAILING + ".DLT", id);
        assertThat(listeners.attempts(key)).isEqualTo(3);
        assertThat(dead.record().key()).isEqualTo(key);
        assertThat(dead.header("ce_type")).isEqualTo("StockReserved");
        assertThat(dead.header("kafka_dlt-original-topic")).isEqualTo(FAILING);
        assertThat(dead.header("kafka_dlt-exception-message")).contains("stock service is down");
        assertThat(dead.header("kafka_dlt-exception-stacktrace")).contains("IllegalStateException");
        await().atMost(PATIENCE).until(() -> deadLettered(FAILING + ".DLT", "failed") == deadLettered + 1);
        assertThat(deadLettered(FAILING + ".DLT", "invalid")).isZero();
    }

    @Test
    void invalidMessageLandsOnTheDeadLetterTopicAtTheFirstAttempt() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        double deadLettered = deadLettered(INVALID + ".DLT", "invalid");
        producer.template().send(INVALID, key, "not an envelope".getBytes(StandardCharsets.UTF_8)).get();

        await().atMost(PATIENCE).until(() -> recorded.values(INVALID + ".DLT", key).size() == 1);
        RecordedMessages.Received dead = recorded.on(INVALID + ".DLT").stream()
            .filter(r -> key.equals(r.record().key()))
            .findFirst()
            .orElseThrow();
        assertThat(listeners.attempts(key)).isEqualTo(1);
        assertThat(dead.header("kafka_dlt-exception-stacktrace")).contains(InvalidMessageException.class.getName());
        assertThat(dead.header("kafka_dlt-exception-message")).contains("has no ce_type header");
        await().atMost(PATIENCE).until(() -> deadLettered(INVALID + ".DLT", "invalid") == deadLettered + 1);
    }

    @Test
    void everyDeclaredDeadLetterTopicIsCountedFromZeroBeforeAnythingIsDeadLettered() {
        for (String topic : List.of(ORDERS, BURST)) {
            assertThat(deadLettered(topic + ".DLT", "failed")).as(topic).isZero();
            assertThat(deadLettered(topic + ".DLT", "invalid")).as(topic).isZero();
        }
    }

    @Test
    void aMessageKafkaRefusesIsQuarantinedAndListedWhileTheMessagesAfterItOfTheSameKeyArrive() {
        String key = "sku-" + UUID.randomUUID();
        String before = transactions.execute(s -> outbox.publish(stockReserved(ORDERS, key, 1)));
        // larger than the producer's max.request.size (64 KiB here)
        String tooLarge = transactions.execute(s -> outbox.publish(new OutgoingMessage(ORDERS, key, "StockReserved",
                key, new StockReserved("x".repeat(70_000), 2), null)));
        String after = transactions.execute(s -> outbox.publish(stockReserved(ORDERS, key, 3)));

        await().atMost(PATIENCE).until(() -> recorded.withId(ORDERS, after) != null);
        assertThat(recorded.withId(ORDERS, before)).isNotNull();
        assertThat(recorded.withId(ORDERS, tooLarge)).isNull();
        Quarantine outboxQuarantine = quarantines.stream().filter(q -> q.kind().equals("outbox")).findFirst()
            .orElseThrow();
        // the relay marks it in the transaction of its round, which commits after Kafka acknowledged the others
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(outboxQuarantine.list(100))
            .anySatisfy(item -> assertThat(item.reason())
                .contains(tooLarge, "StockReserved to " + ORDERS, "RecordTooLargeException")));
        assertThat(meters.get("emporium.quarantined").tag("kind", "outbox").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where message_id = ?::uuid"
                + " and quarantined_at is not null", Integer.class, tooLarge)).isEqualTo(1);
    }

    @Test
    void platformTablesAreMigratedAfterTheServicesOwnMigrationsInTheirOwnHistory() {
        assertThat(jdbc.queryForList("select version from flyway_schema_history where success", String.class))
            .containsExactly("1");
        assertThat(jdbc.queryForList("select version from platform_schema_history where success and version is not null",
                String.class)).contains("1");
        assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where table_name in"
                + " ('stock_item', 'outbox_message', 'inbox_message')", Integer.class)).isEqualTo(3);
    }

    private double deadLettered(String deadLetterTopic, String reason) {
        return meters.get(DEAD_LETTERED).tag("topic", deadLetterTopic).tag("reason", reason).counter().count();
    }

    private double duplicates(String consumer) {
        var counter = meters.find("emporium.inbox.duplicates").tag("consumer", consumer).counter();
        return counter == null ? 0 : counter.count();
    }

    static OutgoingMessage stockReserved(String topic, String key, int quantity) {
        return new OutgoingMessage(topic, key, "StockReserved", key, new StockReserved(key, quantity), null);
    }

    record StockReserved(String sku, int quantity) {
    }

    record Counted(int seq) {
    }

    /** Listeners as a service would write them, recording what they see. */
    static class Listeners {

        private final RecordedMessages recorded;
        private final Tracer tracer;
        private final MessageReader reader;
        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        Listeners(RecordedMessages recorded, Tracer tracer, MessageReader reader) {
            this.recorded = recorded;
            this.tracer = tracer;
            this.reader = reader;
        }

        @KafkaListener(id = "test-deliveries", topics = { ORDERS, BURST })
        void deliver(ConsumerRecord<String, byte[]> record) {
            recorded.add(record, currentTraceId());
        }

        @KafkaListener(id = "test-always-failing", topics = FAILING)
        void alwaysFail(ConsumerRecord<String, byte[]> record) {
            attempt(record);
            throw new IllegalStateException("stock service is down");
        }

        @KafkaListener(id = "test-invalid", topics = INVALID)
        void readStrictly(ConsumerRecord<String, byte[]> record) {
            attempt(record);
            reader.typeOf(record);
            reader.read(record, StockReserved.class);
        }

        @KafkaListener(id = "test-dead-letters", topics = { FAILING + ".DLT", INVALID + ".DLT" })
        void deadLetter(ConsumerRecord<String, byte[]> record) {
            recorded.add(record, null);
        }

        int attempts(String key) {
            AtomicInteger count = attempts.get(key);
            return count == null ? 0 : count.get();
        }

        private void attempt(ConsumerRecord<String, byte[]> record) {
            attempts.computeIfAbsent(record.key(), k -> new AtomicInteger()).incrementAndGet();
        }

        private @Nullable String currentTraceId() {
            Span span = tracer.currentSpan();
            return span == null ? null : span.context().traceId();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ Listeners.class, RecordedMessages.class })
    static class TestApplication {

        @Bean
        KafkaAdmin.NewTopics testTopics(MessagingTopics topics) {
            return topics.withDeadLetterTopics(ORDERS, BURST, FAILING, INVALID);
        }
    }
}
