package io.emporium.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton end to end, on the real system started by {@link RunningSystem}: PostgreSQL, Kafka, Zipkin and
 * every service as separate processes; the catalog answers through the gateway, errors are problems, logs are JSON.
 */
@Order(1)
@ExtendWith(RunningSystem.class)
class WalkingSkeletonSystemTest {

    private static final String GATEWAY = "http://127.0.0.1:8080";
    private static final String CATALOG = "http://127.0.0.1:8081";
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper json = JsonMapper.shared();

    @Test
    void catalogAnswersThroughTheGateway() throws Exception {
        HttpResponse<String> response = get(GATEWAY + "/api/catalog/products?size=5&page=2");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = json.readTree(response.body());
        assertThat(page.get("content")).hasSize(5);
        assertThat(page.at("/page/number").asInt()).isEqualTo(2);
        assertThat(page.at("/page/totalElements").asLong()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void gatewayAndDirectCallsSeeTheSameProduct() throws Exception {
        HttpResponse<String> viaGateway = get(GATEWAY + "/api/catalog/products/1");
        HttpResponse<String> direct = get(CATALOG + "/api/catalog/products/1");
        assertThat(viaGateway.statusCode()).isEqualTo(200);
        assertThat(json.readTree(viaGateway.body())).isEqualTo(json.readTree(direct.body()));
        String sku = json.readTree(direct.body()).get("sku").asString();
        assertThat(json.readTree(get(GATEWAY + "/api/catalog/products/sku/" + sku).body()).get("id").asLong())
                .isEqualTo(1);
    }

    @Test
    void searchAndCategoryFilterWorkThroughTheGateway() throws Exception {
        JsonNode categories = json.readTree(get(GATEWAY + "/api/catalog/categories").body());
        assertThat(categories.isArray()).isTrue();
        assertThat(categories.size()).isGreaterThan(1);
        String category = categories.get(0).get("name").asString();
        JsonNode page = json.readTree(get(GATEWAY + "/api/catalog/products?category=" + category).body());
        assertThat(page.get("content")).isNotEmpty()
                .allSatisfy(product -> assertThat(product.get("category").asString()).isEqualTo(category));
        String word = page.get("content").get(0).get("name").asString().split(" ")[0];
        JsonNode found = json.readTree(get(GATEWAY + "/api/catalog/products?q=" + word).body());
        assertThat(found.get("content")).isNotEmpty();
    }

    @Test
    void errorsAreProblemDetailsWithTraceIdsThroughTheGateway() throws Exception {
        assertProblem(get(GATEWAY + "/api/catalog/products/999999999"), 404);
        assertProblem(get(GATEWAY + "/api/catalog/products?size=0"), 400);
        assertProblem(get(GATEWAY + "/api/catalog/products?page=-1"), 400);
        assertProblem(get(GATEWAY + "/api/catalog/products/not-a-number"), 400);
    }

    @Test
    void managementEndpointsOfServicesAreNotReachableThroughTheGateway() throws Exception {
        for (String path : List.of("/api/catalog/actuator/env", "/api/catalog/%2e%2e/%2e%2e/actuator/env",
                "/api/catalog/../../actuator/health", "/actuator/env")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(GATEWAY + path)).build(), BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isIn(404, 401, 403);
        }
        assertThat(get(CATALOG + "/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void statusShowsEveryPartRunning() {
        Emporium.Result status = Emporium.run(Duration.ofMinutes(1), "status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("postgres", "kafka", "zipkin").contains(RunningSystem.SERVICES);
    }

    @Test
    void servicesLogOneJsonObjectPerLineWithTheirIdentity() throws Exception {
        for (String service : RunningSystem.SERVICES) {
            Path log = RunningSystem.logOf(service);
            List<String> lines = RunningSystem.linesOfThisRun(service);
            assertThat(lines).as(log.toString()).isNotEmpty();
            for (String line : lines) {
                JsonNode event = json.readTree(line);
                assertThat(event.get("@timestamp")).as(line).isNotNull();
                assertThat(event.at("/log/level").asString()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
                assertThat(event.at("/log/logger").asString()).as(line).isNotBlank();
                assertThat(event.get("message")).as(line).isNotNull();
                assertThat(event.at("/service/name").asString()).as(line).isEqualTo(service);
                assertThat(event.at("/service/node/name").asString()).as(line).isEqualTo(service + "-1");
            }
        }
        Emporium.Result logs = Emporium.run(Duration.ofMinutes(1), "logs", "--service", "catalog", "--grep", "Started");
        assertThat(logs.exitCode()).as(logs.output()).isZero();
        assertThat(logs.output()).contains("Started");
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("traceId").asString()).matches("[0-9a-f]{32}");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                BodyHandlers.ofString());
    }
}
