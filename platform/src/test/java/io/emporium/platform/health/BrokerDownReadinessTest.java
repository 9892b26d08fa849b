package io.emporium.platform.health;

import java.time.Duration;

import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import io.emporium.platform.test.kafka.TestKafka;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unreachable Kafka broker shows in the health endpoint. By default it leaves the instance ready and UP in Eureka
 * (writes go through the outbox, so the service still serves); a service that names {@code kafka} among its
 * readiness members ({@code emporium.health.readiness.members}) is not ready then, and DOWN in Eureka, but live.
 */
class BrokerDownReadinessTest {

    @DynamicPropertySource
    static void noBroker(DynamicPropertyRegistry registry) {
        TestKafka.registerUnreachable(registry);
    }

    @Nested
    @SpringBootTest(classes = TestApplication.class, properties = { "spring.application.name=broker-down-test", "emporium.health.kafka.timeout=1s" })
    class ByDefault {

        @Autowired
        HealthEndpoint health;

        @Autowired
        ReadinessHealthCheckHandler discoveryStatus;

        @Test
        void anUnreachableBrokerShowsInHealthButLeavesTheInstanceReady() {
            long start = System.nanoTime();
            assertThat(health.healthForPath("kafka").getStatus()).isEqualTo(Status.DOWN);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
            assertThat(health.healthForPath("readiness", "kafka")).isNull();
            assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
            assertThat(discoveryStatus.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.UP);
        }
    }

    @Nested
    @SpringBootTest(classes = TestApplication.class, properties = { "spring.application.name=broker-down-test", "emporium.health.kafka.timeout=1s",
            "emporium.health.readiness.members=readinessState,kafka" })
    class WhenTheBrokerIsAReadinessMember {

        @Autowired
        HealthEndpoint health;

        @Autowired
        ReadinessHealthCheckHandler discoveryStatus;

        @Test
        void anUnreachableBrokerMakesReadinessDownWithinTheTimeout() {
            long start = System.nanoTime();
            assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.DOWN);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(health.healthForPath("readiness", "kafka").getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
            assertThat(discoveryStatus.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.DOWN);
        }
    }

    // no database here: only the broker matters
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    static class TestApplication {
    }
}
