package io.emporium.catalog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import io.emporium.platform.test.postgres.PostgresTestDatabase;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog while its database is really unreachable (real PostgreSQL refusing connections to it, existing ones
 * terminated): reads answered before are served stale, others are 503 problems, the service stays ready, and once
 * the database is back the answers are fresh again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "eureka.client.enabled=false")
class DatabaseOutageIntegrationTest {

    private static final PostgresTestDatabase database = PostgresTestDatabase.shared("catalog");
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.shared();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database.registerWith(registry);
        TestIssuer.shared().registerWith(registry);
    }

    private final int port;

    DatabaseOutageIntegrationTest(@LocalServerPort int port) {
        this.port = port;
    }

    @AfterEach
    void databaseIsBack() {
        database.allowConnections();
    }

    @Test
    void servesTheLastGoodAnswersMarkedStaleWhileTheDatabaseIsUnreachable() {
        HttpResponse<String> fresh = get("/api/catalog/products/sku/SKU-000001");
        HttpResponse<String> freshPage = get("/api/catalog/products?size=5&category=office");
        HttpResponse<String> freshCategories = get("/api/catalog/categories");
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.headers().firstValue("Emporium-Stale")).isEmpty();

        database.refuseConnections();

        long start = System.nanoTime();
        HttpResponse<String> stale = get("/api/catalog/products/sku/SKU-000001");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.headers().firstValue("Emporium-Stale")).hasValue("true");
        assertThat(stale.headers().firstValue("Age")).hasValueSatisfying(age -> assertThat(Long.parseLong(age))
                .isBetween(0L, 60L));
        assertThat(json.readTree(stale.body())).isEqualTo(json.readTree(fresh.body()));
        HttpResponse<String> stalePage = get("/api/catalog/products?size=5&category=office");
        assertThat(stalePage.headers().firstValue("Emporium-Stale")).hasValue("true");
        assertThat(json.readTree(stalePage.body())).isEqualTo(json.readTree(freshPage.body()));
        HttpResponse<String> staleCategories = get("/api/catalog/categories");
        assertThat(staleCategories.headers().firstValue("Emporium-Stale")).hasValue("true");
        assertThat(json.readTree(staleCategories.body())).isEqualTo(json.readTree(freshCategories.body()));

        HttpResponse<String> neverAsked = get("/api/catalog/products/sku/SKU-000777");
        assertThat(neverAsked.statusCode()).isEqualTo(503);
        assertThat(neverAsked.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(neverAsked.headers().firstValue("Retry-After")).isPresent();
        assertThat(json.readTree(neverAsked.body()).get("traceId").asString()).matches("[0-9a-f]{32}");

        HttpResponse<String> readiness = asAdmin("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode ready = json.readTree(readiness.body());
        assertThat(ready.get("status").asString()).isEqualTo("UP");
        assertThat(ready.get("components").has("db")).isFalse();
        JsonNode staleCache = ready.at("/components/staleCache");
        assertThat(staleCache.get("status").asString()).isEqualTo("UP");
        assertThat(staleCache.at("/details/database").asString()).isEqualTo("unreachable");
        assertThat(staleCache.at("/details/servingStaleAnswers").asBoolean()).isTrue();
        assertThat(staleCache.at("/details/staleAnswersServed").asLong()).isPositive();

        // by now the catalog-db breaker has opened: stale answers no longer wait for a connection that will not come
        long fast = System.nanoTime();
        assertThat(get("/api/catalog/products/sku/SKU-000001").headers().firstValue("Emporium-Stale")).hasValue("true");
        assertThat(Duration.ofNanos(System.nanoTime() - fast)).isLessThan(Duration.ofMillis(500));
        assertThat(get("/actuator/prometheus").body())
                .contains("resilience4j_circuitbreaker_state{application=\"catalog\"")
                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"catalog-db\"[^}]*state=\"open\"[^}]*} 1.0");

        database.allowConnections();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> again = get("/api/catalog/products/sku/SKU-000001");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.headers().firstValue("Emporium-Stale")).isEmpty();
            assertThat(again.headers().firstValue("Age")).isEmpty();
        });
        assertThat(get("/api/catalog/products/sku/SKU-000777").statusCode()).isEqualTo(200);
        assertThat(json.readTree(asAdmin("/actuator/health/readiness").body()).at("/components/staleCache/details/database")
                .asString()).isEqualTo("reachable");
    }

    /** Only an admin sees the health components. */
    private HttpResponse<String> asAdmin(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + TestIssuer.shared().admin()).build(), BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException("GET " + path + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("GET " + path + " interrupted", ex);
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException("GET " + path + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during GET " + path, ex);
        }
    }
}
