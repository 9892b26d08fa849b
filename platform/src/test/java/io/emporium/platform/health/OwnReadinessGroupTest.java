package io.emporium.platform.health;

import io.emporium.platform.test.kafka.TestKafka;
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

/** A service that names its readiness members itself gets exactly those, not the platform's default. */
@SpringBootTest(properties = { "spring.application.name=own-readiness-test",
        "management.endpoint.health.group.readiness.include=readinessState" })
class OwnReadinessGroupTest {

    @DynamicPropertySource
    static void noBroker(DynamicPropertyRegistry registry) {
        TestKafka.registerUnreachable(registry);
    }

    @Autowired
    HealthEndpoint health;

    @Test
    void theServicesOwnReadinessGroupWins() {
        assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
        assertThat(health.healthForPath("readiness", "kafka")).isNull();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    static class TestApplication {
    }
}
