package io.emporium.platform.web.servlet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;

import io.emporium.platform.security.servlet.AccessRules;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Every failure of a servlet service is an RFC 9457 problem with the right status and the trace id. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.application.name=problems-test", "emporium.http.max-request-body=1KB" })
class ServletProblemDetailsTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.shared();

    @LocalServerPort
    int port;

    @Test
    void everyResponseNamesItsTraceAndAnErrorBodyTheSameOne() throws Exception {
        HttpResponse<String> missing = get("/things/404");
        assertThat(missing.headers().firstValue("X-Trace-Id")).hasValueSatisfying(id -> assertThat(id)
                .matches("[0-9a-f]{32}").isEqualTo(json.readTree(missing.body()).get("traceId").asString()));

        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> continued = http.send(HttpRequest.newBuilder(uri("/things/404"))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").build(), BodyHandlers.ofString());
        assertThat(continued.headers().firstValue("X-Trace-Id")).hasValue(traceId);
        assertThat(missing.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
        HttpResponse<String> named = http.send(HttpRequest.newBuilder(uri("/things/404"))
                .header("X-Request-Id", "checkout-42").build(), BodyHandlers.ofString());
        assertThat(named.headers().firstValue("X-Request-Id")).hasValue("checkout-42");
        HttpResponse<String> unusable = http.send(HttpRequest.newBuilder(uri("/things/404"))
                .header("X-Request-Id", "a b\"c").build(), BodyHandlers.ofString());
        assertThat(unusable.headers().firstValue("X-Request-Id").orElseThrow()).hasSize(36);
    }

    @Test
    void unknownResourceIsA404Problem() throws Exception {
        JsonNode problem = problem(get("/things/404"), 404);
        assertThat(problem.get("detail").asString()).contains("404");
    }

    @Test
    void unmappedPathIsA404Problem() throws Exception {
        problem(get("/no/such/path"), 404);
    }

    @Test
    void invalidBodyListsTheRejectedFields() throws Exception {
        JsonNode problem = problem(post("/things", "application/json", "{\"name\":\"\"}"), 400);
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("name");
    }

    @Test
    void aBodyValidatedWithOtherParametersNamesItsFields() throws Exception {
        JsonNode problem = problem(post("/things/abc", "application/json", "{\"name\":\"\"}"), 400);
        assertThat(problem.get("errors")).extracting(error -> error.get("field").asString()).containsExactly("name");
    }

    @Test
    void invalidParametersListTheRejectedParameters() throws Exception {
        JsonNode problem = problem(get("/things?page=-1&size=1000"), 400);
        assertThat(problem.get("errors")).extracting(error -> error.get("field").asString())
                .containsExactlyInAnyOrder("page", "size");
    }

    @Test
    void parameterOfTheWrongTypeIsA400Problem() throws Exception {
        problem(get("/things?page=abc"), 400);
    }

    @Test
    void malformedJsonIsA400ProblemWithoutParserInternals() throws Exception {
        JsonNode problem = problem(post("/things", "application/json", "{\"name\": oops"), 400);
        assertThat(problem.get("detail").asString()).doesNotContain("tools.jackson").doesNotContain("line:");
    }

    @Test
    void unsupportedMediaTypeIsA415Problem() throws Exception {
        problem(post("/things", "text/plain", "name=x"), 415);
    }

    @Test
    void aWildcardOrUnparsableContentTypeIsA415ProblemNotA500() throws Exception {
        problem(post("/things", "*/*", "{\"name\":\"x\"}"), 415);
        problem(post("/things", "application/*", "{\"name\":\"x\"}"), 415);
        problem(post("/things", "application/json; charset=\"", "{\"name\":\"x\"}"), 415);
    }

    @Test
    void aBrokenPercentEncodingInTheQueryIsA400ProblemNotA500() throws Exception {
        for (String query : java.util.List.of("page=%ff", "name=%e2%82", "%c0=1")) {
            JsonNode problem = problem(get("/things?" + query), 400);
            assertThat(problem.get("detail").asString()).as(query).contains("percent-encoded");
        }
    }

    @Test
    void wrongMethodIsA405Problem() throws Exception {
        HttpRequest delete = HttpRequest.newBuilder(uri("/things")).DELETE().build();
        problem(http.send(delete, BodyHandlers.ofString()), 405);
    }

    @Test
    void declaredBodyOverTheLimitIsA413Problem() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(4096) + "\"}";
        JsonNode problem = problem(post("/things", "application/json", big), 413);
        assertThat(problem.get("limitBytes").asLong()).isEqualTo(1024);
    }

    @Test
    void chunkedBodyOverTheLimitIsA413Problem() throws Exception {
        byte[] big = ("{\"name\":\"" + "x".repeat(4096) + "\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(uri("/things")).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
        problem(http.send(request, BodyHandlers.ofString()), 413);
    }

    @Test
    void unexpectedFailureIsA500ProblemThatNamesNoInternals() throws Exception {
        JsonNode problem = problem(get("/boom"), 500);
        assertThat(problem.toString()).doesNotContain("secret-internal-state").doesNotContain("IllegalStateException");
    }

    @Test
    void refusalsOfResilience4jAre503ProblemsWithRetryAfter() throws Exception {
        HttpResponse<String> circuitOpen = get("/circuit-open");
        assertThat(problem(circuitOpen, 503).get("detail").asString()).contains("circuit breaker open");
        assertThat(circuitOpen.headers().firstValue("Retry-After")).hasValue("10");

        HttpResponse<String> bulkheadFull = get("/bulkhead-full");
        assertThat(problem(bulkheadFull, 503).get("detail").asString()).contains("bulkhead full");
        assertThat(bulkheadFull.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void validRequestsStillWork() throws Exception {
        HttpResponse<String> response = post("/things", "application/json", "{\"name\":\"ok\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("name").asString()).isEqualTo("ok");
    }

    private JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("traceId").asString()).matches("[0-9a-f]{32}");
        return problem;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(BodyPublishers.ofString(body)).build();
        return http.send(request, BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    // no database here (JDBC is on the platform's test classpath for the messaging tests)
    @SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @Import(ThingController.class)
    static class TestApplication {

        /** These tests are about error bodies, not tokens: every path is open (ServletResourceServerTest has the rest). */
        @Bean
        AccessRules everythingOpen() {
            return rules -> rules.requestMatchers("/**").permitAll();
        }
    }

    record Thing(@NotBlank String name) {
    }

    @RestController
    static class ThingController {

        @GetMapping("/things")
        Map<String, Integer> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
            return Map.of("page", page, "size", size);
        }

        @GetMapping("/things/{id}")
        Thing get(@PathVariable long id) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No thing with id " + id);
        }

        @PostMapping("/things")
        Thing create(@Valid @RequestBody Thing thing) {
            return thing;
        }

        @PostMapping("/things/{code}")
        Thing createWithCode(@PathVariable @jakarta.validation.constraints.Pattern(regexp = "[a-z]+") String code,
                @Valid @RequestBody Thing thing) {
            return thing;
        }

        @GetMapping("/boom")
        Thing boom() {
            throw new IllegalStateException("secret-internal-state");
        }

        @GetMapping("/circuit-open")
        Thing circuitOpen() {
            CircuitBreaker breaker = CircuitBreaker.ofDefaults("downstream");
            breaker.transitionToOpenState();
            throw CallNotPermittedException.createCallNotPermittedException(breaker);
        }

        @GetMapping("/bulkhead-full")
        Thing bulkheadFull() {
            throw BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("downstream"));
        }
    }
}
