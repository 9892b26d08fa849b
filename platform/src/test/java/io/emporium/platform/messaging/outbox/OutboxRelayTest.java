package io.emporium.platform.messaging.outbox;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.emporium.platform.messaging.MessagingProperties;
import io.emporium.platform.messaging.MessagingTopics;
import io.emporium.platform.messaging.OutgoingMessage;
import io.emporium.platform.messaging.Outbox;
import io.emporium.platform.messaging.RecordedMessages;
import io.emporium.platform.test.kafka.TestKafka;
import io.emporium.platform.messaging.producer.MessagingProducer;
import io.emporium.platform.test.postgres.PostgresTestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
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
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay against failures and competition, with relays built by hand (the service's own relay is off here): a
 * broker that cannot be reached, two relays on one database, and the leadership lock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.application.name=relay-test", "emporium.messaging.relay.enabled=false",
        "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxRelayTest {

    static final String OUTAGE = "relay.outage";
    static final String PAIR = "relay.pair";
    static final String LOCKED = "relay.locked";
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final MessagingProperties.Relay SETTINGS = new MessagingProperties.Relay(true, Duration.ofMillis(50), 50,
            Duration.ofMillis(500), Duration.ofSeconds(10));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.shared("relay").registerWith(registry);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

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

    TransactionTemplate transactions;

    final List<OutboxRelay> relays = new ArrayList<>();
    final List<MessagingProducer> producers = new ArrayList<>();

    @Autowired
    void transactions(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
        producers.forEach(MessagingProducer::destroy);
    }

    @Test
    void whileKafkaIsUnreachableMessagesWaitInTheOutboxAndGoOutInOrderOnceItIsReachable() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        SimpleMeterRegistry deadMeters = new SimpleMeterRegistry();
        OutboxRelay dead = relay("dead-relay", unreachableKafka(), deadMeters);

        for (int seq = 0; seq < 20; seq++) {
            for (int k = 0; k < 3; k++) {
                publish(OUTAGE, run + "-" + k, seq);
            }
        }

        await().atMost(PATIENCE).until(() -> deadMeters.get("emporium.outbox.failed").counter().count() >= 1);
        assertThat(rowsFor(OUTAGE)).isEqualTo(60);
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

    private void publish(String topic, String key, int seq) {
        transactions.executeWithoutResult(status -> outbox.publish(new OutgoingMessage(topic, key, "Counted", key,
                Map.of("seq", seq), null)));
    }

    private OutboxRelay relay(String name, MessagingProducer producer, MeterRegistry registry) {
        OutboxRelay relay = new OutboxRelay(name, dataSource, producer.template(), SETTINGS, registry);
        relays.add(relay);
        relay.start();
        return relay;
    }

    private MessagingProducer reachableKafka() {
        MessagingProducer producer = new MessagingProducer(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
        producers.add(producer);
        return producer;
    }

    /** A producer pointed at a port nothing listens on, that gives up on a send within a second. */
    private MessagingProducer unreachableKafka() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MessagingProducer producer = new MessagingProducer(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + closedPort, ProducerConfig.MAX_BLOCK_MS_CONFIG, 300,
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

        @KafkaListener(id = "relay-test", topics = { OUTAGE, PAIR, LOCKED })
        void receive(ConsumerRecord<String, byte[]> record) {
            recorded.add(record, null);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listener.class)
    static class TestApplication {

        @Bean
        KafkaAdmin.NewTopics relayTopics(MessagingTopics topics) {
            return topics.withDeadLetterTopics(OUTAGE, PAIR, LOCKED);
        }

        @Bean
        RecordedMessages recordedMessages() {
            return new RecordedMessages();
        }
    }
}
