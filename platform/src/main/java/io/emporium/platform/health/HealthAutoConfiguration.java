package io.emporium.platform.health;

import java.time.Clock;

import com.netflix.appinfo.HealthCheckHandler;
import org.apache.kafka.clients.admin.AdminClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Liveness versus readiness: liveness is Boot's {@code livenessState} alone (the process works); readiness adds the
 * database and the Kafka broker where the service has them (see {@link ReadinessGroup}), so an instance that loses
 * one stops receiving traffic but is not restarted. Adds the {@code kafka} health indicator, and makes Eureka follow
 * readiness instead of the overall health (see {@link ReadinessHealthCheckHandler}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        beforeName = { "org.springframework.cloud.netflix.eureka.EurekaDiscoveryClientConfiguration",
                "org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration" })
@ConditionalOnClass(HealthEndpointGroupsPostProcessor.class)
@EnableConfigurationProperties(HealthProperties.class)
// imported rather than nested @Configuration classes, so that a component scan of this package does not pick
// them up on their own (tests' @SpringBootApplication classes live in the platform's packages)
@Import({ HealthAutoConfiguration.Kafka.class, HealthAutoConfiguration.Discovery.class })
class HealthAutoConfiguration {

    static final String SERVICE_READINESS = "management.endpoint.health.group.readiness.include";

    @Bean
    HealthEndpointGroupsPostProcessor emporiumReadinessGroup(HealthProperties properties, Environment environment) {
        boolean ownGroup = Binder.get(environment).bind(SERVICE_READINESS, String[].class).isBound();
        return ownGroup ? groups -> groups : new ReadinessGroup(properties.readiness().members());
    }

    @ConditionalOnClass({ KafkaAdmin.class, AdminClient.class })
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnEnabledHealthIndicator("kafka")
    static class Kafka {

        @Bean
        @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
        KafkaBrokerHealthIndicator kafkaHealthIndicator(KafkaAdmin admin, HealthProperties properties) {
            return new KafkaBrokerHealthIndicator(admin.getConfigurationProperties(), properties.kafka().timeout(),
                    properties.kafka().cacheFor(), Clock.systemUTC());
        }
    }

    @ConditionalOnClass(HealthCheckHandler.class)
    @ConditionalOnBooleanProperty(name = "eureka.client.healthcheck.enabled")
    static class Discovery {

        @Bean
        @ConditionalOnMissingBean(HealthCheckHandler.class)
        ReadinessHealthCheckHandler readinessHealthCheckHandler(ObjectProvider<HealthEndpoint> health,
                HealthProperties properties) {
            return new ReadinessHealthCheckHandler(health, properties.discoveryGroup());
        }
    }
}
