package io.emporium.platform.chaos;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.security.TestIssuer;
import io.emporium.platform.test.web.TestHttp;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import static io.emporium.platform.test.web.TestHttp.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Fault injection in a servlet service under the {@code test} profile, driven through {@code /actuator/chaos}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=chaotic", "management.health.kafka.enabled=false" })
@ActiveProfiles("test")
@TestInfrastructure
class ServletChaosTest {

    private static final TestIssuer issuer = TestIssuer.shared();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private TestHttp http;

    @BeforeEach
    void http() {
        http = new TestHttp(port);
    }

    @AfterEach
    void turnOff() throws Exception {
        http.delete("/actuator/chaos", issuer.admin());
    }

    @Test
    void isOffUntilTurnedOnAndReportsItsState() throws Exception {
        JsonNode off = body(http.get("/actuator/chaos", issuer.admin()));
        assertThat(off.get("active").asBoolean()).isFalse();
        assertThat(off.get("latency").isNull()).isTrue();
        assertThat(off.get("until").isNull()).isTrue();

        HttpResponse<String> on = http.post("/actuator/chaos",
                "{\"latency\":\"2s\",\"errorRate\":0.3,\"duration\":\"60s\"}", issuer.admin());
        assertThat(on.statusCode()).isEqualTo(200);
        JsonNode state = body(on);
        assertThat(state.get("active").asBoolean()).isTrue();
        assertThat(state.get("latency").asString()).isEqualTo("PT2S");
        assertThat(state.get("errorRate").asDouble()).isEqualTo(0.3);
        assertThat(Instant.parse(state.get("until").asString()))
                .isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(61));
        assertThat(body(http.get("/actuator/chaos", issuer.admin())).get("active").asBoolean()).isTrue();

        JsonNode deleted = body(http.delete("/actuator/chaos", issuer.admin()));
        assertThat(deleted.get("active").asBoolean()).isFalse();
    }

    @Test
    void isForAdminsOnly() throws Exception {
        assertThat(http.get("/actuator/chaos", null).statusCode()).isEqualTo(401);
        assertThat(http.post("/actuator/chaos", "{\"errorRate\":1}", issuer.customer("alice")).statusCode())
                .isEqualTo(403);
        assertThat(body(http.get("/actuator/chaos", issuer.admin())).get("active").asBoolean()).isFalse();
    }

    @Test
    void refusesBadInputWithA400() throws Exception {
        for (String body : new String[] { "{\"errorRate\":1.5}", "{\"errorRate\":-0.1}", "{\"latency\":\"soon\"}",
                "{\"duration\":\"-5s\"}", "{\"errorRate\":\"often\"}" }) {
            assertThat(http.post("/actuator/chaos", body, issuer.admin()).statusCode()).as(body).isEqualTo(400);
        }
        assertThat(body(http.get("/actuator/chaos", issuer.admin())).get("active").asBoolean()).isFalse();
    }

    @Test
    void delaysEveryRequestByTheLatency() throws Exception {
        activate("{\"latency\":\"600ms\"}");
        double before = injected("latency");

        long start = System.nanoTime();
        HttpResponse<String> response = http.get("/things", issuer.customer("alice"));
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
            HttpResponse<String> response = http.get("/things", token);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            JsonNode problem = body(response);
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
            assertThat(http.get("/things", issuer.customer("alice")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void managementPathsAreExempt() throws Exception {
        activate("{\"errorRate\":1.0,\"latency\":\"3s\"}");
        long start = System.nanoTime();
        assertThat(http.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/chaos", issuer.admin()).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void switchesItselfOffAfterTheDuration() throws Exception {
        activate("{\"errorRate\":1.0,\"duration\":\"1s\"}");
        assertThat(http.get("/things", issuer.customer("alice")).statusCode()).isEqualTo(503);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("/things", issuer.customer("alice")).statusCode() == 200);
        JsonNode state = body(http.get("/actuator/chaos", issuer.admin()));
        assertThat(state.get("active").asBoolean()).isFalse();
        assertThat(state.get("until").isNull()).isTrue();
    }

    private void activate(String body) throws Exception {
        assertThat(http.post("/actuator/chaos", body, issuer.admin()).statusCode()).isEqualTo(200);
    }

    private double injected(String kind) {
        var counter = meters.find("emporium.chaos.injected").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
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
