package io.emporium.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.kafka.core.KafkaAdmin;

import io.emporium.platform.messaging.producer.MessagingProducer;

/**
 * The {@code kafka-scram} profile (application-kafka-scram.properties): with it, every Kafka client the platform and
 * Spring Boot build authenticates with SCRAM-SHA-512 over TLS as {@code EMPORIUM_KAFKA_USERNAME}; without one of its
 * variables the service does not start; without the profile nothing changes for the local broker.
 */
class KafkaScramProfileTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"orders\" password=\"generated-by-strimzi\";";

    @TempDir
    Path directory;

    @Test
    void everyClientAuthenticatesWithScramOverTlsAsTheServiceUser() throws IOException {
        Path ca = Files.writeString(directory.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
        try (ConfigurableApplicationContext context = start("kafka-scram", Map.of("EMPORIUM_KAFKA_USERNAME", "orders",
                "EMPORIUM_KAFKA_PASSWORD", "generated-by-strimzi", "EMPORIUM_KAFKA_CA_FILE", ca.toString()))) {
            KafkaProperties properties = context.getBean(KafkaProperties.class);
            Map<String, Object> producer = MessagingProducer.settingsFrom(properties,
                    context.getBean(KafkaConnectionDetails.class));
            for (Map<String, Object> client : List.of(producer, properties.buildConsumerProperties(),
                    context.getBean(KafkaAdmin.class).getConfigurationProperties())) {
                assertThat(client).containsEntry("security.protocol", "SASL_SSL")
                        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                        .containsEntry("sasl.jaas.config", JAAS)
                        .containsEntry("ssl.truststore.type", "PEM")
                        .containsEntry("ssl.truststore.location", ca.toAbsolutePath().toString());
            }
            assertThat(properties.getAdmin().isAutoCreate()).as("services create no topics").isFalse();
        }
    }

    @Test
    void aMissingVariableStopsStartUpNamingItAndNoValue() {
        Map<String, String> withoutPassword = Map.of("EMPORIUM_KAFKA_USERNAME", "orders", "EMPORIUM_KAFKA_CA_FILE",
                "/etc/emporium/kafka/ca.crt");
        assertThatThrownBy(() -> start("kafka-scram", withoutPassword).close()).rootCause()
                .hasMessageContaining("spring.kafka.properties.sasl.jaas.config needs EMPORIUM_KAFKA_PASSWORD")
                .hasMessageNotContaining("EMPORIUM_KAFKA_USERNAME").hasMessageNotContaining("orders")
                .hasMessageNotContaining("ca.crt");
    }

    @Test
    void withoutTheProfileClientsSpeakPlaintextToTheLocalBroker() {
        try (ConfigurableApplicationContext context = start(null, Map.of())) {
            KafkaProperties properties = context.getBean(KafkaProperties.class);
            assertThat(properties.buildProducerProperties()).doesNotContainKeys("security.protocol",
                    "sasl.mechanism", "sasl.jaas.config");
            assertThat(properties.getAdmin().isAutoCreate()).isTrue();
        }
    }

    private static ConfigurableApplicationContext start(String profile, Map<String, String> variables) {
        Map<String, Object> environment = new HashMap<>(variables);
        environment.put("spring.application.name", "orders");
        SpringApplicationBuilder application = new SpringApplicationBuilder(KafkaClients.class)
                .web(WebApplicationType.NONE).properties(environment);
        if (profile != null) {
            application.profiles(profile);
        }
        return application.run();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(KafkaAutoConfiguration.class)
    static class KafkaClients {

        @Bean
        KafkaSettingsCheck kafkaSettingsCheck(ConfigurableEnvironment environment) {
            return new KafkaSettingsCheck(environment);
        }
    }
}
