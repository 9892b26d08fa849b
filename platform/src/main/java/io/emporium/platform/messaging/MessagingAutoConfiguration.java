package io.emporium.platform.messaging;

import javax.sql.DataSource;

import io.emporium.platform.messaging.producer.MessagingProducer;
import io.emporium.platform.messaging.schema.PlatformSchema;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Messaging for services with Kafka and one database: the platform tables, the shared producer and topic
 * declarations. The outbox, inbox and consumer pieces are configured next to their code, only when this one applies
 * (they are conditional on the {@link PlatformSchema} bean).
 *
 * <p>Applies when spring-kafka (with Boot's Kafka auto-configuration), Spring JDBC and Flyway are on the classpath,
 * there is a single {@link DataSource}, and {@code emporium.messaging.enabled} is not false.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
@ConditionalOnClass({ KafkaTemplate.class, KafkaProperties.class, JdbcTemplate.class, Flyway.class })
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "emporium.messaging.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MessagingProperties.class)
class MessagingAutoConfiguration {

    /** Boot's bean that runs the service's own Flyway migrations, which must run before the platform's. */
    static final String SERVICE_FLYWAY_INITIALIZER = "flywayInitializer";

    @Bean
    PlatformSchema platformSchema(DataSource dataSource, BeanFactory beanFactory) {
        if (beanFactory.containsBean(SERVICE_FLYWAY_INITIALIZER)) {
            beanFactory.getBean(SERVICE_FLYWAY_INITIALIZER);
        }
        return PlatformSchema.migrate(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean
    MessagingTopics messagingTopics(MessagingProperties properties) {
        return new MessagingTopics(properties.topics().partitions(), properties.topics().replicationFactor());
    }

    /** Fails start-up, naming the variable, when a {@code spring.kafka.*} setting needs one that is not set. */
    @Bean
    KafkaSettingsCheck kafkaSettingsCheck(ConfigurableEnvironment environment) {
        return new KafkaSettingsCheck(environment);
    }

    @Bean
    MessagingProducer messagingProducer(KafkaProperties properties, KafkaConnectionDetails connection,
            ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers) {
        return new MessagingProducer(MessagingProducer.settingsFrom(properties, connection),
                factory -> customizers.orderedStream().forEach(customizer -> customizer.customize(factory)));
    }
}
