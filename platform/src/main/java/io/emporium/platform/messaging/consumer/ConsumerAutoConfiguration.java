package io.emporium.platform.messaging.consumer;

import java.util.Map;

import io.emporium.platform.messaging.InvalidMessageException;
import io.emporium.platform.messaging.MessageReader;
import io.emporium.platform.messaging.MessagingProperties;
import io.emporium.platform.messaging.MessagingTopics;
import io.emporium.platform.messaging.producer.MessagingProducer;
import io.emporium.platform.messaging.schema.PlatformSchema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consuming Emporium messages: the {@link MessageReader}, and the default {@code kafkaListenerContainerFactory} for
 * String keys and byte[] values (the raw envelope) with Spring Boot's {@code spring.kafka.listener.*} settings
 * (observation is on by platform default, so a listener continues the publisher's trace) and this error handling:
 * <ul>
 * <li>a failing record is redelivered with exponential backoff ({@code emporium.messaging.consumer.*}) up to
 * {@code max-attempts} deliveries in all;</li>
 * <li>then, or at once for {@link InvalidMessageException} (and Spring's own non-retryable exceptions such as
 * deserialization failures), it is published to {@code <topic>.DLT} with its key, value and headers, plus Spring
 * Kafka's {@code kafka_dlt-*} headers (original topic, partition, offset, exception class, message and stack trace).
 * The partition is left to Kafka, so a dead-letter topic with fewer partitions works too.</li>
 * </ul>
 * Runs before Boot's Kafka auto-configuration so that Boot's container factory backs off.
 */
@AutoConfiguration(afterName = "io.emporium.platform.messaging.MessagingAutoConfiguration",
        beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnBean(PlatformSchema.class)
class ConsumerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MessageReader messageReader(ObjectProvider<JsonMapper> jsonMapper) {
        return new CloudEventsMessageReader(jsonMapper.getIfAvailable(JsonMapper::shared));
    }

    @Bean
    @ConditionalOnMissingBean(org.springframework.kafka.listener.CommonErrorHandler.class)
    DefaultErrorHandler messagingErrorHandler(MessagingProducer producer, MessagingProperties properties) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(producer.template(),
                (record, exception) -> new TopicPartition(MessagingTopics.deadLetterTopicOf(record.topic()), -1));
        MessagingProperties.Consumer consumer = properties.consumer();
        if (consumer.maxAttempts() < 1) {
            throw new IllegalArgumentException("emporium.messaging.consumer.max-attempts must be at least 1");
        }
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(consumer.maxAttempts() - 1);
        backOff.setInitialInterval(consumer.initialBackoff().toMillis());
        backOff.setMultiplier(consumer.backoffMultiplier());
        backOff.setMaxInterval(consumer.maxBackoff().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff);
        handler.addNotRetryableExceptions(InvalidMessageException.class);
        return handler;
    }

    @Bean
    @ConditionalOnMissingBean(name = "kafkaListenerContainerFactory")
    ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, KafkaProperties properties,
            KafkaConnectionDetails connection, ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> customizers,
            ObjectProvider<ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>> containerCustomizer) {
        Map<String, Object> settings = properties.buildConsumerProperties();
        KafkaConnectionDetails.Configuration consumer = connection.getConsumer();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, consumer.getBootstrapServers());
        if (consumer.getSecurityProtocol() != null) {
            settings.put("security.protocol", consumer.getSecurityProtocol());
        }
        DefaultKafkaConsumerFactory<String, byte[]> consumerFactory = new DefaultKafkaConsumerFactory<>(settings,
                new StringDeserializer(), new ByteArrayDeserializer());
        customizers.orderedStream().forEach(customizer -> customizer.customize(consumerFactory));
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, raw(consumerFactory));
        containerCustomizer.ifAvailable(factory::setContainerCustomizer);
        return factory;
    }

    @SuppressWarnings("unchecked")
    private static ConsumerFactory<Object, Object> raw(ConsumerFactory<String, byte[]> factory) {
        return (ConsumerFactory<Object, Object>) (ConsumerFactory<?, ?>) factory;
    }
}
