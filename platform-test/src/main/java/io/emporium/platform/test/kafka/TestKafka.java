package io.emporium.platform.test.kafka;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real Kafka broker (KRaft mode, in this JVM) for all the integration tests of a test run, started on first use
 * and stopped when the JVM exits:
 * <pre>{@code
 * @DynamicPropertySource
 * static void kafka(DynamicPropertyRegistry registry) {
 *     TestKafka.registerWith(registry);
 * }
 * }</pre>
 * Test classes that use it should close their application contexts after the class (e.g. {@code @DirtiesContext}),
 * so that no listener keeps talking to the broker while the JVM shuts down.
 */
public final class TestKafka {

    private static EmbeddedKafkaKraftBroker broker;

    private TestKafka() {
    }

    /** Points {@code spring.kafka.bootstrap-servers} at the broker (starting it when the context asks). */
    public static void registerWith(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    /** The broker's bootstrap servers, for {@code spring.kafka.bootstrap-servers}. */
    public static synchronized String bootstrapServers() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 3);
            started.brokerProperty("group.initial.rebalance.delay.ms", "0");
            started.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "test-kafka-stop"));
            broker = started;
        }
        return broker.getBrokersAsString();
    }
}
