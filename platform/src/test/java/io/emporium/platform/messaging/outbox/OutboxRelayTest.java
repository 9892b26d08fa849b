package io.emporium.platform.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.emporium.platform.messaging.MessagingProperties;
import io.emporium.platform.messaging.MessagingTopics;
import io.emporium.platform.messaging.OutgoingMessage;
import io.emporium.platform.messaging.Outbox;
import io.emporium.platform.messaging.RecordedMessages;
import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.kafka.TestKafka;
import io.emporium.platform.messaging.producer.MessagingProducer;
import io.emporium.platform.quarantine.Quarantine;
import io.emporium.platform.test.postgres.PostgresTestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay against failures and competition, with relays built by hand (the service's own relay is off here): a
 * broker that cannot be reached, two relays on one database, the leadership lock, and messages that cannot be sent
 * (quarantined while everything else goes out).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.application.name=relay-test", "emporium.messaging.relay.enabled=false",
        "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInfrastructure(database = "relay", kafka = true, issuer = false)
class OutboxRelayTest {

    static final String OUTAGE = "relay.outage";
    static final String PAIR = "relay.pair";
    static final String LOCKED = "relay.locked";
    static final String AROUND = "relay.around-poison";
    static final String INVALID_TOPIC = "relay.not a valid topic!";
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final MessagingProperties.Relay SETTINGS = new MessagingProperties.Relay(true, Duration.ofMillis(50), 50,
            Duration.ofMillis(500), Duration.ofSeconds(10), 3);
    /** What the producers of these tests accept at most (the default is 1 MB): a larger record is refused for good. */
    static final int MAX_REQUEST_SIZE = 16_384;

    @Autowired
    Outbox outbox;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RecordedMessages recorded;

    @Autowired
    List<Quarantine> quarantines;

    TransactionTemplate transactions;

    final List<OutboxRelay> relays = new ArrayList<>();
    final List<MessagingProducer> producers = new ArrayList<>();
    final List<DefaultKafkaProducerFactory<?, ?>> producerFactories = new ArrayList<>();

    @Autowired
    void transactions(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
        producers.forEach(MessagingProducer::destroy);
        producerFactories.forEach(DefaultKafkaProducerFactory::destroy);
    }

    @Test
    void whileKafkaIsUnreachableMessagesWaitInTheOutboxAndGoOutInOrderOnceItIsReachable() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        SimpleMeterRegistry deadMeters = new SimpleMeterRegistry();
        OutboxRelay dead = relay("dead-relay", unreachableKafka(), deadMeters);

        for (int seq = 0; seq < 20; seq++) {
            for (int k = 0; k < 3; k++) {
                publish(OUTAGE, run + "-" + k, seq);
            }
        }

        // more failed sends than it takes to quarantine a message that fails while others go out: none went out
        await().atMost(PATIENCE).until(() -> deadMeters.get("emporium.outbox.failed").counter().count()
                >= SETTINGS.quarantineAfter() + 2);
        assertThat(rowsFor(OUTAGE)).isEqualTo(60);
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where topic = ? and (quarantined_at is not"
                + " null or failed_sends > 0)", Integer.class, OUTAGE)).as("quarantined or blamed while Kafka is away")
            .isZero();
        assertThat(deadMeters.get("emporium.outbox.quarantined").counter().count()).isZero();
        await().atMost(PATIENCE).until(() -> meters.get("emporium.outbox.backlog").gauge().value() >= 60);
        assertThat(meters.get("emporium.outbox.oldest.age").timeGauge().value()).isPositive();
        assertThat(recorded.on(OUTAGE)).isEmpty();

        dead.stop();
        relay("live-relay", reachableKafka(), new SimpleMeterRegistry());

        await().atMost(PATIENCE).untilAsserted(() -> {
            for (int k = 0; k < 3; k++) {
                assertThat(recorded.values(OUTAGE, run + "-" + k)).hasSizeGreaterThanOrEqualTo(20);
            }
        });
        for (int k = 0; k < 3; k++) {
            assertThat(recorded.values(OUTAGE, run + "-" + k)).as("key %s", k).containsExactlyElementsOf(sequence(20));
        }
        await().atMost(PATIENCE).until(() -> rowsFor(OUTAGE) == 0);
    }

    @Test
    void twoRelaysOnOneDatabaseSendEveryMessageOnceAndInOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        relay("relay-1", reachableKafka(), first);
        relay("relay-2", reachableKafka(), second);
        int keys = 4;
        int perKey = 50;

        ExecutorService publishers = Executors.newFixedThreadPool(keys);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                String key = run + "-" + k;
                done.add(publishers.submit(() -> IntStream.range(0, perKey).forEach(seq -> publish(PAIR, key, seq))));
            }
            for (Future<?> publisher : done) {
                publisher.get();
            }
        }
        finally {
            publishers.shutdown();
        }

        await().atMost(PATIENCE).until(() -> rowsFor(PAIR) == 0);
        await().atMost(PATIENCE).until(() -> recorded.on(PAIR).stream()
            .filter(r -> r.record().key().startsWith(run))
            .count() >= keys * perKey);
        List<String> ids = recorded.on(PAIR).stream()
            .filter(r -> r.record().key().startsWith(run))
            .map(RecordedMessages.Received::id)
            .toList();
        assertThat(new HashSet<>(ids)).as("no message sent twice").hasSize(ids.size());
        assertThat(ids).hasSize(keys * perKey);
        for (int k = 0; k < keys; k++) {
            assertThat(recorded.values(PAIR, run + "-" + k)).as("key %s", k).containsExactlyElementsOf(sequence(perKey));
        }
        assertThat(published(first) + published(second)).isEqualTo(keys * perKey);
    }

    @Test
    void relayPublishesNothingWhileAnotherInstanceHoldsTheRelayLock() throws Exception {
        String key = "locked-" + UUID.randomUUID();
        relay("relay", reachableKafka(), new SimpleMeterRegistry());

        try (Connection otherInstance = PostgresTestDatabase.shared("relay").connect();
                Statement sql = otherInstance.createStatement()) {
            sql.execute("select pg_advisory_lock(" + OutboxRelay.LOCK_KEY + ")");
            IntStream.range(0, 5).forEach(seq -> publish(LOCKED, key, seq));

            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                .until(() -> recorded.values(LOCKED, key).isEmpty());
            assertThat(rowsFor(LOCKED)).isEqualTo(5);
            sql.execute("select pg_advisory_unlock(" + OutboxRelay.LOCK_KEY + ")");
        }

        await().atMost(PATIENCE).until(() -> recorded.values(LOCKED, key).size() >= 5);
        assertThat(recorded.values(LOCKED, key)).containsExactlyElementsOf(sequence(5));
    }

    @Test
    void messagesKafkaRefusesForGoodAreQuarantinedAtOnceAndEverythingAroundThemGoesOut() {
        String key = "poison-" + UUID.randomUUID();
        relay("relay", reachableKafka(), new SimpleMeterRegistry());
        double quarantinedBefore = quarantinedGauge();

        publish(AROUND, key, 0);
        String tooLarge = transactions.execute(status -> outbox.publish(new OutgoingMessage(AROUND, key, "Counted",
                key, Map.of("seq", 1, "padding", "x".repeat(MAX_REQUEST_SIZE)), null)));
        String invalidTopic = transactions.execute(status -> outbox.publish(new OutgoingMessage(INVALID_TOPIC, key,
                "Counted", key, Map.of("seq", 2), null)));
        long unbuildable = insertRowWithSource(AROUND, key, "not a URI reference");
        IntStream.range(3, 6).forEach(seq -> publish(AROUND, key, seq));

        // the later messages of the same key go out without the quarantined ones
        await().atMost(PATIENCE).until(() -> recorded.values(AROUND, key).size() >= 4);
        assertThat(recorded.values(AROUND, key)).containsExactly("{\"seq\":0}", "{\"seq\":3}", "{\"seq\":4}",
                "{\"seq\":5}");
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("select count(*) from outbox_message where"
                + " message_key = ?", Integer.class, key) == 3);

        Map<String, String> reasons = new HashMap<>();
        outboxQuarantine().list(1000).forEach(item -> reasons.put(item.id(), item.reason()));
        assertThat(reasons.get(rowIdOf(tooLarge))).contains("RecordTooLargeException", tooLarge, "Counted to " + AROUND);
        assertThat(reasons.get(rowIdOf(invalidTopic))).contains("InvalidTopicException", invalidTopic);
        assertThat(reasons.get(Long.toString(unbuildable))).contains("not a URI reference");
        await().atMost(PATIENCE).until(() -> quarantinedGauge() >= quarantinedBefore + 3);
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where topic = ? and quarantined_at is null",
                Integer.class, INVALID_TOPIC)).isZero();
    }

    @Test
    void aMessageThatKeepsFailingWhileOthersGoOutHoldsItsKeyBackAndIsQuarantinedAfterTheConfiguredAttempts() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String unluckyKey = run + "-unlucky";
        String otherKey = run + "-other";
        Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
        relay("relay", kafkaFailing("Unlucky", sends), new SimpleMeterRegistry());

        List<String> ids = transactions.execute(status -> List.of(
                outbox.publish(counted(AROUND, otherKey, 0)),
                outbox.publish(new OutgoingMessage(AROUND, unluckyKey, "Unlucky", unluckyKey, Map.of("seq", 0), null)),
                outbox.publish(counted(AROUND, unluckyKey, 1)),
                outbox.publish(counted(AROUND, otherKey, 1))));
        String unlucky = ids.get(1);
        String behindIt = ids.get(2);

        // a failure counts only while Kafka takes other messages in the same round: keep some going out
        AtomicInteger seq = new AtomicInteger(2);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            publish(AROUND, otherKey, seq.getAndIncrement());
            return quarantinedAt(unlucky) != null;
        });

        assertThat(jdbc.queryForObject("select failed_sends from outbox_message where message_id = ?::uuid",
                Integer.class, unlucky)).isEqualTo(SETTINGS.quarantineAfter());
        assertThat(outboxQuarantine().list(1000)).anySatisfy(item -> assertThat(item.reason())
            .contains(unlucky, "failed 3 times while Kafka acknowledged other messages", "NotEnoughReplicasException"));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("select count(*) from outbox_message where"
                + " message_id = ?::uuid", Integer.class, behindIt) == 0);
        await().atMost(PATIENCE).until(() -> recorded.withId(AROUND, behindIt) != null);
        List<String> others = recorded.values(AROUND, otherKey);
        assertThat(others).as("the other key, in order").isEqualTo(sequence(others.size())).hasSizeGreaterThan(2);
        // sent with the unlucky one in the first round at most, then held back until it was quarantined
        assertThat(sends.get(behindIt)).hasValueLessThanOrEqualTo(2);
        assertThat(sends.get(unlucky)).hasValueGreaterThanOrEqualTo(SETTINGS.quarantineAfter());
    }

    private void publish(String topic, String key, int seq) {
        transactions.executeWithoutResult(status -> outbox.publish(new OutgoingMessage(topic, key, "Counted", key,
                Map.of("seq", seq), null)));
    }

    private static OutgoingMessage counted(String topic, String key, int seq) {
        return new OutgoingMessage(topic, key, "Counted", key, Map.of("seq", seq), null);
    }

    /** An outbox row as a service would write it, but with a source that is no URI: no record can be built from it. */
    private long insertRowWithSource(String topic, String key, String source) {
        Long id = jdbc.queryForObject("insert into outbox_message (message_id, topic, message_key, type, source,"
                + " subject, payload, created_at) values (?, ?, ?, 'Counted', ?, ?, ?, now()) returning id", Long.class,
                UUID.randomUUID(), topic, key, source, key, "{\"seq\":-1}".getBytes(StandardCharsets.UTF_8));
        return id == null ? -1 : id;
    }

    private String rowIdOf(String messageId) {
        return String.valueOf(jdbc.queryForObject("select id from outbox_message where message_id = ?::uuid",
                Long.class, messageId));
    }

    private @Nullable OffsetDateTime quarantinedAt(String messageId) {
        return jdbc.queryForObject("select quarantined_at from outbox_message where message_id = ?::uuid",
                OffsetDateTime.class, messageId);
    }

    private Quarantine outboxQuarantine() {
        return quarantines.stream().filter(quarantine -> quarantine.kind().equals("outbox")).findFirst().orElseThrow();
    }

    private double quarantinedGauge() {
        return meters.get("emporium.quarantined").tag("kind", "outbox").gauge().value();
    }

    /**
     * A producer on the test broker that fails every send of a message of type {@code failingType} a little later,
     * as Kafka does while the partition has too few in-sync replicas, and counts sends by message id.
     */
    private KafkaOperations<String, byte[]> kafkaFailing(String failingType, Map<String, AtomicInteger> sends) {
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer());
        producerFactories.add(factory);
        return new KafkaTemplate<>(factory) {
            @Override
            public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
                String id = header(record, "ce_id");
                sends.computeIfAbsent(id, ignored -> new AtomicInteger()).incrementAndGet();
                if (!failingType.equals(header(record, "ce_type"))) {
                    return super.send(record);
                }
                return CompletableFuture.supplyAsync(() -> {
                    throw new NotEnoughReplicasException("Messages are rejected since there are fewer in-sync"
                            + " replicas than required.");
                }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
            }
        };
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private OutboxRelay relay(String name, MessagingProducer producer, MeterRegistry registry) {
        return relay(name, producer.template(), registry);
    }

    private OutboxRelay relay(String name, KafkaOperations<String, byte[]> kafka, MeterRegistry registry) {
        OutboxRelay relay = new OutboxRelay(name, dataSource, kafka, SETTINGS, registry);
        relays.add(relay);
        relay.start();
        return relay;
    }

    private MessagingProducer reachableKafka() {
        MessagingProducer producer = new MessagingProducer(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers(), ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_SIZE));
        producers.add(producer);
        return producer;
    }

    /** A producer pointed at a port nothing listens on, that gives up on a send within a second. */
    private MessagingProducer unreachableKafka() {
        MessagingProducer producer = new MessagingProducer(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.unreachableBootstrapServers(), ProducerConfig.MAX_BLOCK_MS_CONFIG, 300,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000));
        producers.add(producer);
        return producer;
    }

    private int rowsFor(String topic) {
        Integer rows = jdbc.queryForObject("select count(*) from outbox_message where topic = ?", Integer.class, topic);
        return rows == null ? 0 : rows;
    }

    private static long published(MeterRegistry registry) {
        return (long) registry.get("emporium.outbox.published").counter().count();
    }

    private static List<String> sequence(int count) {
        return IntStream.range(0, count).mapToObj(seq -> "{\"seq\":" + seq + "}").toList();
    }

    static class Listener {

        private final RecordedMessages recorded;

        Listener(RecordedMessages recorded) {
            this.recorded = recorded;
        }

        @KafkaListener(id = "relay-test", topics = { OUTAGE, PAIR, LOCKED, AROUND })
        void receive(ConsumerRecord<String, byte[]> record) {
            recorded.add(record, null);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ Listener.class, RecordedMessages.class })
    static class TestApplication {

        @Bean
        KafkaAdmin.NewTopics relayTopics(MessagingTopics topics) {
            return topics.withDeadLetterTopics(OUTAGE, PAIR, LOCKED, AROUND);
        }
    }
}
