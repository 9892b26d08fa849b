package io.emporium.platform.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;

import io.emporium.platform.test.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Fault injection in a servlet service under the {@code test} profile, driven through {@code /actuator/chaos}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=chaotic", "management.health.kafka.enabled=false" })
@ActiveProfiles("test")
class ServletChaosTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final TestIssuer issuer = TestIssuer.shared();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        issuer.registerWith(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void turnOff() throws Exception {
        send("DELETE", "/actuator/chaos", issuer.admin(), null);
    }

    @Test
    void isOffUntilTurnedOnAndReportsItsState() throws Exception {
        JsonNode off = json(send("GET", "/actuator/chaos", issuer.admin(), null));
        assertThat(off.get("active").asBoolean()).isFalse();
        assertThat(off.get("latency").isNull()).isTrue();
        assertThat(off.get("until").isNull()).isTrue();

        HttpResponse<String> on = send("POST", "/actuator/chaos", issuer.admin(),
                "{\"latency\":\"2s\",\"errorRate\":0.3,\"duration\":\"60s\"}");
        assertThat(on.statusCode()).isEqualTo(200);
        JsonNode state = json(on);
        assertThat(state.get("active").asBoolean()).isTrue();
        assertThat(state.get("latency").asString()).isEqualTo("PT2S");
        assertThat(state.get("errorRate").asDouble()).isEqualTo(0.3);
        assertThat(Instant.parse(state.get("until").asString()))
                .isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(61));
        assertThat(json(send("GET", "/actuator/chaos", issuer.admin(), null)).get("active").asBoolean()).isTrue();

        JsonNode deleted = json(send("DELETE", "/actuator/chaos", issuer.admin(), null));
        assertThat(deleted.get("active").asBoolean()).isFalse();
    }

    @Test
    void isForAdminsOnly() throws Exception {
        assertThat(send("GET", "/actuator/chaos", null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/actuator/chaos", issuer.customer("alice"), "{\"errorRate\":1}").statusCode())
                .isEqualTo(403);
        assertThat(json(send("GET", "/actuator/chaos", issuer.admin(), null)).get("active").asBoolean()).isFalse();
    }

    @Test
    void refusesBadInputWithA400() throws Exception {
        for (String body : new String[] { "{\"errorRate\":1.5}", "{\"errorRate\":-0.1}", "{\"latency\":\"soon\"}",
                "{\"duration\":\"-5s\"}", "{\"errorRate\":\"often\"}" }) {
            assertThat(send("POST", "/actuator/chaos", issuer.admin(), body).statusCode()).as(body).isEqualTo(400);
        }
        assertThat(json(send("GET", "/actuator/chaos", issuer.admin(), null)).get("active").asBoolean()).isFalse();
    }

    @Test
    void delaysEveryRequestByTheLatency() throws Exception {
        activate("{\"latency\":\"600ms\"}");
        double before = injected("latency");

        long start = System.nanoTime();
        HttpResponse<String> response = send("GET", "/things", issuer.customer("alice"), null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(600)).isLessThan(Duration.ofSeconds(5));
        assertThat(injected("latency")).isEqualTo(before + 1);
    }

    @Test
    void anErrorRateOfOneAnswersEveryRequestWithA503Problem() throws Exception {
        activate("{\"errorRate\":1.0}");
        double before = injected("error");

        for (String token : new String[] { issuer.customer("alice"), null }) {
            HttpResponse<String> response = send("GET", "/things", token, null);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            JsonNode problem = json(response);
            assertThat(problem.get("title").asString()).isEqualTo("Injected fault");
            assertThat(problem.get("status").asInt()).isEqualTo(503);
            assertThat(problem.get("detail").asString()).contains("injected by fault injection");
            assertThat(problem.get("traceId").asString()).matches("[0-9a-f]{32}")
                    .isEqualTo(response.headers().firstValue("X-Trace-Id").orElseThrow());
        }
        assertThat(injected("error")).isEqualTo(before + 2);
    }

    @Test
    void anErrorRateOfZeroInjectsNoErrors() throws Exception {
        activate("{\"errorRate\":0}");
        for (int i = 0; i < 20; i++) {
            assertThat(send("GET", "/things", issuer.customer("alice"), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void managementPathsAreExempt() throws Exception {
        activate("{\"errorRate\":1.0,\"latency\":\"3s\"}");
        long start = System.nanoTime();
        assertThat(send("GET", "/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/chaos", issuer.admin(), null).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void switchesItselfOffAfterTheDuration() throws Exception {
        activate("{\"errorRate\":1.0,\"duration\":\"1s\"}");
        assertThat(send("GET", "/things", issuer.customer("alice"), null).statusCode()).isEqualTo(503);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> send("GET", "/things", issuer.customer("alice"), null).statusCode() == 200);
        JsonNode state = json(send("GET", "/actuator/chaos", issuer.admin(), null));
        assertThat(state.get("active").asBoolean()).isFalse();
        assertThat(state.get("until").isNull()).isTrue();
    }

    private void activate(String body) throws Exception {
        assertThat(send("POST", "/actuator/chaos", issuer.admin(), body).statusCode()).isEqualTo(200);
    }

    private double injected(String kind) {
        var counter = meters.find("emporium.chaos.injected").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpResponse<String> send(String method, String path, @Nullable String token, @Nullable String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    // no database here (JDBC is on the platform's test classpath for the messaging tests)
    @SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @Import(ThingController.class)
    static class TestApplication {
    }

    @RestController
    static class ThingController {

        @GetMapping("/things")
        String things() {
            return "things";
        }
    }
}
