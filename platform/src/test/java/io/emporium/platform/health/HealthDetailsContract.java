package io.emporium.platform.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.security.TestIssuer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health answers anyone whether the instance is UP, and only an admin which components it has and their details
 * (exception messages, the Kafka cluster id). Run against a servlet and a reactive server by the subclasses.
 */
@TestInfrastructure
abstract class HealthDetailsContract {

    static final TestIssuer issuer = TestIssuer.shared();
    // HTTP/1.1 as the runner and the load balancer's probes speak it; every request with a deadline, so that a server
    // that does not answer fails the test instead of hanging the build
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper json = JsonMapper.shared();

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = { "/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness" })
    void anonymousCallersAndCustomersSeeOnlyTheStatus(String path) throws Exception {
        for (String token : new String[] { null, issuer.customer("carol") }) {
            HttpResponse<String> response = get(path, token);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode health = json.readTree(response.body());
            // the root also names its groups (liveness, readiness): their paths, nothing about the instance
            assertThat(health.propertyNames()).as(response.body()).contains("status").isSubsetOf("status", "groups");
            assertThat(health.get("status").asString()).isEqualTo("UP");
        }
    }

    /** Liveness is Boot's probe group, which never lists components (it has one: livenessState). */
    @ParameterizedTest
    @ValueSource(strings = { "/actuator/health", "/actuator/health/readiness" })
    void anAdminSeesTheComponents(String path) throws Exception {
        HttpResponse<String> response = get(path, issuer.admin());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("components").propertyNames()).isNotEmpty();
    }

    private HttpResponse<String> get(String path, @Nullable String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
