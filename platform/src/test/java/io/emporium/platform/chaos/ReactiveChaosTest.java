package io.emporium.platform.chaos;

import java.time.Duration;

import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The same fault injection in a reactive service (the gateway), through the same endpoint contract. */
@SpringBootTest(classes = ServletChaosTest.TestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=edge", "spring.main.web-application-type=reactive",
        "management.health.kafka.enabled=false" })
@ActiveProfiles("local")
@TestInfrastructure
class ReactiveChaosTest {

    private static final TestIssuer issuer = TestIssuer.shared();

    @LocalServerPort
    int port;

    private WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void turnOff() {
        client.delete().uri("/actuator/chaos").headers(h -> h.setBearerAuth(issuer.admin())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(false);
    }

    @Test
    void anErrorRateOfOneAnswersA503ProblemAndSparesManagementPaths() {
        activate("{\"errorRate\":1,\"duration\":\"1m\"}");

        client.get().uri("/things").headers(h -> h.setBearerAuth(issuer.customer("bob"))).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectBody().jsonPath("$.title").isEqualTo("Injected fault")
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains("fault injection"))
                .jsonPath("$.traceId").exists();
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void delaysRequestsByTheLatency() {
        activate("{\"latency\":\"500ms\",\"errorRate\":0}");

        long start = System.nanoTime();
        client.get().uri("/things").headers(h -> h.setBearerAuth(issuer.customer("bob"))).exchange()
                .expectStatus().isOk();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refusesAnErrorRateAboveOne() {
        client.post().uri("/actuator/chaos").headers(h -> h.setBearerAuth(issuer.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"errorRate\":2}").exchange()
                .expectStatus().isBadRequest();
    }

    private void activate(String body) {
        client.post().uri("/actuator/chaos").headers(h -> h.setBearerAuth(issuer.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(true);
    }
}
