package io.emporium.platform.messaging.producer;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/**
 * The Kafka producer the platform sends with: the outbox relay and the dead-letter publisher share it. String keys,
 * byte[] values (the envelope is already encoded), and always {@code acks=all} with idempotence, so that a send that
 * is acknowledged is on every in-sync replica and retries never duplicate or reorder records within a partition.
 *
 * <p>It is deliberately not exposed as a {@code ProducerFactory} or {@code KafkaTemplate} bean, so Spring Boot's own
 * {@code kafkaTemplate} stays as the service configured it. Closing this bean closes the producer.
 */
public final class MessagingProducer implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, byte[]> factory;
    private final KafkaTemplate<String, byte[]> template;

    /**
     * @param config Kafka producer settings (at least {@code bootstrap.servers}); serializers, {@code acks} and
     *     idempotence are set here whatever the settings say
     * @param customizer applied to the producer factory before first use (Boot's metrics customizers, for example)
     */
    public MessagingProducer(Map<String, Object> config, Consumer<DefaultKafkaProducerFactory<?, ?>> customizer) {
        Map<String, Object> settings = new HashMap<>(config);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.factory = new DefaultKafkaProducerFactory<>(settings, new StringSerializer(), new ByteArraySerializer());
        customizer.accept(factory);
        this.template = new KafkaTemplate<>(factory);
        // senders report failures themselves (the relay once per outage), not once per record
        this.template.setProducerListener(new ProducerListener<>() { });
    }

    public MessagingProducer(Map<String, Object> config) {
        this(config, factory -> { });
    }

    /**
     * Producer settings from Spring Boot's {@code spring.kafka.*} (common and producer properties) and the connection
     * details (bootstrap servers, security protocol).
     */
    public static Map<String, Object> settingsFrom(KafkaProperties properties, KafkaConnectionDetails connection) {
        Map<String, Object> settings = properties.buildProducerProperties();
        KafkaConnectionDetails.Configuration producer = connection.getProducer();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, producer.getBootstrapServers());
        if (producer.getSecurityProtocol() != null) {
            settings.put("security.protocol", producer.getSecurityProtocol());
        }
        return settings;
    }

    /** The template to send with; observation is off (the relay sets the trace headers itself). */
    public KafkaTemplate<String, byte[]> template() {
        return template;
    }

    @Override
    public void destroy() {
        factory.destroy();
    }
}
