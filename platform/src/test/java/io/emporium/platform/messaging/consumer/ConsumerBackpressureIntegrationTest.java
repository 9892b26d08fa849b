package io.emporium.platform.messaging.consumer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.emporium.platform.messaging.MessagingTopics;
import io.emporium.platform.messaging.producer.MessagingProducer;
import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * On a real PostgreSQL and Kafka: while every connection of the pool is taken, the listeners pause and messages wait
 * in Kafka instead of failing; once connections are free again, every message is processed exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.application.name=backpressure-test", "spring.datasource.hikari.maximum-pool-size=3",
        "spring.datasource.hikari.connection-timeout=1000", "emporium.messaging.relay.enabled=false",
        "emporium.messaging.consumer.backpressure.check-interval=50ms" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInfrastructure(database = "backpressure", kafka = true, issuer = false)
class ConsumerBackpressureIntegrationTest {

    static final String TOPIC = "test.backpressured";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    HikariDataSource pool;

    @Autowired
    MessagingProducer producer;

    @Autowired
    KafkaListenerEndpointRegistry containers;

    @Autowired
    StoringListener listener;

    @Autowired
    MeterRegistry meters;

    @Test
    void listenersPauseWhileThePoolIsSaturatedAndProcessEveryMessageOnceAfterwards() throws Exception {
        MessageListenerContainer container = containers.getListenerContainer("backpressured");
        String warmUp = send("warm-up");
        await().atMost(PATIENCE).until(() -> listener.times(warmUp) == 1);
        double pausesBefore = meters.get("emporium.consumer.pauses").counter().count();

        List<Connection> held = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                held.add(pool.getConnection());
            }
            await().atMost(PATIENCE).until(container::isContainerPaused);
            assertThat(meters.get("emporium.consumer.paused").gauge().value()).isEqualTo(1);

            for (int i = 0; i < 20; i++) {
                keys.add(send("held-" + i));
            }
            // for longer than the pool's connection timeout: a listener that ran now would fail
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> keys.stream().allMatch(key -> listener.times(key) == 0));
            assertThat(listener.failures()).isZero();
        }
        finally {
            for (Connection connection : held) {
                connection.close();
            }
        }

        await().atMost(PATIENCE).until(() -> keys.stream().allMatch(key -> listener.times(key) >= 1));
        assertThat(keys).allSatisfy(key -> assertThat(listener.times(key)).as(key).isEqualTo(1));
        assertThat(listener.failures()).isZero();
        assertThat(listener.deadLetters()).isZero();
        assertThat(container.isPauseRequested()).isFalse();
        assertThat(meters.get("emporium.consumer.paused").gauge().value()).isZero();
        assertThat(meters.get("emporium.consumer.pauses").counter().count()).isEqualTo(pausesBefore + 1);
    }

    private String send(String name) throws Exception {
        String key = name + "-" + UUID.randomUUID();
        producer.template().send(TOPIC, key, key.getBytes(StandardCharsets.UTF_8)).get();
        return key;
    }

    /** Stores each message it gets, as a service's listener would: it needs a database connection for every one. */
    static class StoringListener {

        private final JdbcTemplate jdbc;
        private final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
        private final AtomicInteger failures = new AtomicInteger();
        private final AtomicInteger deadLetters = new AtomicInteger();

        StoringListener(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @KafkaListener(id = "backpressured", topics = TOPIC)
        void store(ConsumerRecord<String, byte[]> record) {
            try {
                jdbc.update("insert into stock_item (sku, quantity) values (?, 1)"
                        + " on conflict (sku) do update set quantity = stock_item.quantity + 1", record.key());
            }
            catch (RuntimeException ex) {
                failures.incrementAndGet();
                throw ex;
            }
            processed.computeIfAbsent(record.key(), key -> new AtomicInteger()).incrementAndGet();
        }

        @KafkaListener(id = "backpressured-dead-letters", topics = TOPIC + ".DLT")
        void deadLetter(ConsumerRecord<String, byte[]> record) {
            deadLetters.incrementAndGet();
        }

        int times(String key) {
            AtomicInteger count = processed.get(key);
            return count == null ? 0 : count.get();
        }

        int failures() {
            return failures.get();
        }

        int deadLetters() {
            return deadLetters.get();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(StoringListener.class)
    static class TestApplication {

        @Bean
        KafkaAdmin.NewTopics testTopics(MessagingTopics topics) {
            return topics.withDeadLetterTopics(TOPIC);
        }
    }
}
