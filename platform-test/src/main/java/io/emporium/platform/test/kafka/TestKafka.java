package io.emporium.platform.test.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

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

    /**
     * Points {@code spring.kafka.bootstrap-servers} at a port where no broker listens (one of
     * {@link #unreachableBootstrapServers}, the same for every read): a broker that is down.
     */
    public static void registerUnreachable(DynamicPropertyRegistry registry) {
        String servers = unreachableBootstrapServers();
        registry.add("spring.kafka.bootstrap-servers", () -> servers);
    }

    /** Bootstrap servers on 127.0.0.1 where nothing listens: a port that was free and has been closed again. */
    public static String unreachableBootstrapServers() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
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
