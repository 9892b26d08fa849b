package io.emporium.platform.health;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's health settings ({@code emporium.health.*}).
 *
 * @param readiness the default readiness group
 * @param kafka the Kafka broker health indicator
 * @param discoveryGroup the health group whose status is reported to Eureka (default {@code readiness}), when
 *     {@code eureka.client.healthcheck.enabled} is true (platform default)
 */
@ConfigurationProperties("emporium.health")
public record HealthProperties(@DefaultValue Readiness readiness, @DefaultValue Kafka kafka,
        @DefaultValue("readiness") String discoveryGroup) {

    /**
     * @param members contributor names in the readiness group unless the service configures
     *     {@code management.endpoint.health.group.readiness.include} (default {@code readinessState,db}; names the
     *     service does not have are ignored; {@code kafka} may be added, see {@link ReadinessGroup})
     */
    public record Readiness(@DefaultValue({ "readinessState", "db" }) List<String> members) {
    }

    /**
     * @param timeout how long one check waits for the cluster to answer (default 2s)
     * @param cacheFor how long a result is reused (default 5s), so probes stay cheap
     */
    public record Kafka(@DefaultValue("2s") Duration timeout, @DefaultValue("5s") Duration cacheFor) {
    }
}
