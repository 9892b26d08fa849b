package io.emporium.platform.messaging.consumer;

import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import io.emporium.platform.messaging.InvalidMessageException;
import io.emporium.platform.messaging.MessageReader;
import io.emporium.platform.messaging.MessagingProperties;
import io.emporium.platform.messaging.MessagingTopics;
import io.emporium.platform.messaging.producer.MessagingProducer;
import io.emporium.platform.messaging.schema.PlatformSchema;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;
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
 * The partition is left to Kafka, so a dead-letter topic with fewer partitions works too. Once the dead-letter topic
 * acknowledged it, it is counted in {@code emporium.messaging.dead_lettered{topic, reason}} ({@link DeadLetterCounter};
 * every declared dead-letter topic is there from the start, at 0).</li>
 * <li>except while the database cannot give a connection ({@link CannotGetJdbcConnectionException},
 * {@link SQLTransientConnectionException}): such a record is retried every second for as long as that lasts, never
 * dead-lettered, because the message is fine and the service is not.</li>
 * </ul>
 * With a Hikari pool, {@link ConsumerBackpressure} also pauses every listener container while the pool is saturated
 * ({@code emporium.messaging.consumer.backpressure.*}).
 * Runs before Boot's Kafka auto-configuration so that Boot's container factory backs off.
 */
@AutoConfiguration(afterName = "io.emporium.platform.messaging.MessagingAutoConfiguration",
        beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnBean(PlatformSchema.class)
// imported rather than nested @Configuration classes, so that a component scan of this package does not pick
// them up on their own (tests' @SpringBootApplication classes live in the platform's packages)
@Import({ ConsumerAutoConfiguration.Backpressure.class })
class ConsumerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MessageReader messageReader(ObjectProvider<JsonMapper> jsonMapper) {
        return new CloudEventsMessageReader(jsonMapper.getIfAvailable(JsonMapper::shared));
    }

    @Bean
    DeadLetterCounter deadLetterCounter(ObjectProvider<MeterRegistry> meters) {
        return new DeadLetterCounter(meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    /**
     * Every dead-letter topic the service declares, with {@link MessagingTopics#withDeadLetterTopics} or as a
     * {@link NewTopic} bean of its own, is counted from 0, once every bean (every declaration) exists.
     */
    @Bean
    SmartInitializingSingleton deadLetterCountersFromZero(DeadLetterCounter counter, MessagingTopics declared,
            ObjectProvider<NewTopic> topics) {
        return () -> Stream.concat(declared.declaredDeadLetterTopics().stream(),
                        topics.orderedStream().map(NewTopic::name))
            .filter(name -> name.endsWith(MessagingTopics.DEAD_LETTER_SUFFIX))
            .forEach(counter::expect);
    }

    @Bean
    @ConditionalOnMissingBean(org.springframework.kafka.listener.CommonErrorHandler.class)
    DefaultErrorHandler messagingErrorHandler(MessagingProducer producer, MessagingProperties properties,
            DeadLetterCounter counter) {
        DeadLetterPublishingRecoverer deadLetters = new CountingDeadLetterRecoverer(producer.template(), counter);
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
        handler.setBackOffFunction(
                (record, exception) -> databaseUnavailable(exception) ? UNTIL_DATABASE_ANSWERS : null);
        return handler;
    }

    /** Retries while the database cannot give a connection: every second, without a limit. */
    static final BackOff UNTIL_DATABASE_ANSWERS = new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS);

    static boolean databaseUnavailable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException || cause instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /** Pauses the listeners while the Hikari pool of the service's database is saturated. */
    @ConditionalOnClass(HikariDataSource.class)
    @ConditionalOnBooleanProperty(name = "emporium.messaging.consumer.backpressure.enabled", matchIfMissing = true)
    static class Backpressure {

        @Bean
        @ConditionalOnBean(HikariDataSource.class)
        ConsumerBackpressure consumerBackpressure(HikariDataSource hikari, MessagingProperties properties,
                ObjectProvider<KafkaListenerEndpointRegistry> registry, ObjectProvider<MeterRegistry> meters) {
            return new ConsumerBackpressure(hikari::getHikariPoolMXBean, hikari.getMaximumPoolSize(),
                    () -> registry.stream().flatMap(r -> r.getListenerContainers().stream()).toList(),
                    properties.consumer().backpressure(), meters.getIfAvailable(() -> Metrics.globalRegistry));
        }
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
