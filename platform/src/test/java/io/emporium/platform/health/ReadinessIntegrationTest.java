package io.emporium.platform.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.postgres.PostgresTestDatabase;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a real PostgreSQL and Kafka: readiness includes the database but not the broker (which the health endpoint
 * still shows), liveness only the process. A lost
 * database makes the instance not ready (and DOWN in Eureka) without making it not live, and it is ready again once
 * the database is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=readiness-test", "spring.datasource.hikari.connection-timeout=1000",
        "emporium.health.kafka.cache-for=500ms", "emporium.messaging.relay.enabled=false" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInfrastructure(database = "readiness", kafka = true)
class ReadinessIntegrationTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final PostgresTestDatabase database = PostgresTestDatabase.shared("readiness");
    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ReadinessHealthCheckHandler discoveryStatus;

    @Autowired
    HealthEndpoint health;

    @Test
    void readinessIncludesTheDatabaseButNotTheBrokerAndLivenessOnlyTheProcess() throws Exception {
        await().atMost(PATIENCE).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        JsonNode readiness = json(get("/actuator/health/readiness"));
        assertThat(readiness.get("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "db");
        assertThat(health.healthForPath("kafka").getStatus()).isEqualTo(Status.UP);
        assertThat(health.healthForPath("liveness", "livenessState")).isNotNull();
        assertThat(health.healthForPath("liveness", "db")).isNull();
        assertThat(health.healthForPath("liveness", "kafka")).isNull();
    }

    @Test
    void aLostDatabaseMakesTheInstanceNotReadyButKeepsItLiveUntilTheDatabaseIsBack() throws Exception {
        await().atMost(PATIENCE).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        assertThat(discoveryStatus.getStatus(InstanceStatus.STARTING)).isEqualTo(InstanceStatus.UP);
        try {
            database.refuseConnections();

            await().atMost(PATIENCE).until(() -> get("/actuator/health/readiness").statusCode() == 503);
            JsonNode readiness = json(get("/actuator/health/readiness"));
            assertThat(readiness.at("/components/db/status").asString()).isEqualTo("DOWN");
            assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(discoveryStatus.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.DOWN);
        }
        finally {
            database.allowConnections();
        }

        await().atMost(PATIENCE).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        assertThat(discoveryStatus.getStatus(InstanceStatus.DOWN)).isEqualTo(InstanceStatus.UP);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    /** As an admin: only an admin sees the health components (HealthDetailsContract). */
    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestIssuer.shared().admin()).build(), BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {
    }
}
