package io.emporium.platform.messaging;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker (KRaft, in process) for all messaging tests of a JVM, started on first use and stopped when
 * the JVM exits. Test classes that use it close their application contexts after the class, so nothing talks to a
 * stopped broker.
 */
public final class TestKafka {

    private static EmbeddedKafkaKraftBroker broker;

    private TestKafka() {
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
