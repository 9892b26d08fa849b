package io.emporium.orders;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.emporium.orders.support.StubCatalog;
import io.emporium.orders.support.StubCatalog.Reply;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Placing orders while the catalog misbehaves ({@link StubCatalog}, real HTTP, reached through the load balancer's
 * simple discovery): timeouts, retries, the circuit breaker and the bulkhead around the price lookups, each with
 * the fault injected, and their metrics. The service's own timeouts (read 2 s per attempt, 3 s per order); a small
 * breaker (4 calls, open for 2 s) and bulkhead (2 calls) so that the tests reach their limits quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "eureka.client.enabled=false",
                "resilience4j.circuitbreaker.instances.catalog.sliding-window-size=4",
                "resilience4j.circuitbreaker.instances.catalog.minimum-number-of-calls=4",
                "resilience4j.circuitbreaker.instances.catalog.wait-duration-in-open-state=2s",
                "resilience4j.circuitbreaker.instances.catalog.permitted-number-of-calls-in-half-open-state=1",
                "resilience4j.bulkhead.instances.catalog.max-concurrent-calls=2" })
class CatalogResilienceIntegrationTest extends OrdersIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CircuitBreakerRegistry breakers;

    CircuitBreaker breaker;

    @BeforeEach
    void closedBreaker() {
        breaker = breakers.circuitBreaker("catalog");
        breaker.reset();
    }

    @Test
    void aCatalogThatDoesNotAnswerInTimeRefusesTheOrderWithinThePricingDeadline() throws Exception {
        catalog.answer((sku, attempt) -> Reply.priced().after(Duration.ofSeconds(5)));

        long start = System.nanoTime();
        HttpResponse<String> refused = place("tina", "SLOW-1");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertUnavailable(refused);
        assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofMillis(4500));
        assertThat(ordersOf("tina")).isZero();
    }

    @Test
    void anAttemptThatTimesOutIsRetriedWithinTheDeadline() throws Exception {
        catalog.answer((sku, attempt) -> attempt == 1 ? Reply.priced().after(Duration.ofSeconds(5)) : Reply.priced());

        long start = System.nanoTime();
        HttpResponse<String> placed = place("tom", "SLOW-ONCE-1");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(catalog.requestsFor("SLOW-ONCE-1")).isEqualTo(2);
        // the 2 s read timeout ended the first attempt, not the catalog's 5 s
        assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofMillis(3000));
    }

    @Test
    void transientFailuresAreRetriedAndTheOrderIsPlaced() throws Exception {
        catalog.answer((sku, attempt) -> attempt <= 2 ? Reply.status(503) : Reply.priced());

        HttpResponse<String> placed = place("uma", "FLAKY-1");

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(catalog.requestsFor("FLAKY-1")).isEqualTo(3);
        assertThat(json.readTree(placed.body()).at("/total/amount").decimalValue()).isEqualByComparingTo("10.00");
    }

    @Test
    void anUnknownSkuIsAskedForOnceNeverRetried() throws Exception {
        HttpResponse<String> rejected = place("victor", "SKU-999999");

        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(catalog.requestsFor("SKU-999999")).isEqualTo(1);
        assertThat(ordersOf("victor")).isZero();
    }

    @Test
    void aRefusalByTheCatalogIsNotRetried() throws Exception {
        catalog.answer((sku, attempt) -> Reply.status(403));

        assertUnavailable(place("walter", "FORBIDDEN-1"));

        assertThat(catalog.requestsFor("FORBIDDEN-1")).isEqualTo(1);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void theBreakerOpensAfterFailuresFailsFastWhileOpenAndClosesWhenTheCatalogRecovers() throws Exception {
        catalog.answer((sku, attempt) -> Reply.status(503));

        assertUnavailable(place("wanda", "BROKEN-1"));
        assertUnavailable(place("wanda", "BROKEN-2"));
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int requestsBefore = catalog.requests();

        long start = System.nanoTime();
        HttpResponse<String> shortCircuited = place("wanda", "BROKEN-3");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertUnavailable(shortCircuited);
        assertThat(shortCircuited.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(catalog.requests()).isEqualTo(requestsBefore);
        assertThat(catalog.requestsFor("BROKEN-3")).isZero();

        catalog.answer(StubCatalog.HEALTHY);
        await().atMost(Duration.ofSeconds(10)).until(() -> breaker.getState() == CircuitBreaker.State.HALF_OPEN);
        HttpResponse<String> placed = place("wanda", "BROKEN-4");

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(ordersOf("wanda")).isOne();
    }

    @Test
    void whileTheBulkheadIsFullOrdersAreRefusedAtOnceAndOtherEndpointsStayFast() throws Exception {
        String id = json.readTree(place("xena", "CALM-1").body()).get("id").asString();
        catalog.answer((sku, attempt) -> Reply.priced().after(Duration.ofSeconds(5)));
        CompletableFuture<HttpResponse<String>> hanging = http.sendAsync(
                post(issuer.customer("xena"), "{\"items\":[{\"sku\":\"HANG-1\",\"quantity\":1},"
                        + "{\"sku\":\"HANG-2\",\"quantity\":1}]}"), BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(2)).until(() -> catalog.requestsFor("HANG-1") + catalog.requestsFor("HANG-2") == 2);
        assertThat(metrics()).contains("resilience4j_bulkhead_available_concurrent_calls{application=\"orders\",instance=")
                .containsPattern("resilience4j_bulkhead_available_concurrent_calls\\{[^}]*name=\"catalog\"[^}]*} 0.0");

        long start = System.nanoTime();
        HttpResponse<String> refused = place("xena", "HANG-3");
        Duration refusedIn = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        HttpResponse<String> order = get("/api/orders/" + id);
        Duration readIn = Duration.ofNanos(System.nanoTime() - start);

        assertUnavailable(refused);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refusedIn).isLessThan(Duration.ofMillis(500));
        assertThat(catalog.requestsFor("HANG-3")).isZero();
        assertThat(order.statusCode()).isEqualTo(200);
        assertThat(readIn).isLessThan(Duration.ofMillis(500));
        assertUnavailable(hanging.get());
        assertThat(ordersOf("xena")).isOne();
    }

    @Test
    void theCatalogsBreakerRetryAndBulkheadAreExposedToPrometheus() throws Exception {
        catalog.answer((sku, attempt) -> attempt == 1 ? Reply.status(503) : Reply.priced());
        assertThat(place("yara", "METERED-1").statusCode()).isEqualTo(201);

        String metrics = metrics();

        assertThat(metrics)
                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"catalog\"[^}]*state=\"closed\"[^}]*} 1.0")
                .containsPattern("resilience4j_retry_calls_total\\{[^}]*kind=\"successful_with_retry\"[^}]*name=\"catalog\"[^}]*} [1-9]")
                .containsPattern("resilience4j_bulkhead_max_allowed_concurrent_calls\\{[^}]*name=\"catalog\"[^}]*} 2.0")
                .containsPattern("resilience4j_bulkhead_available_concurrent_calls\\{[^}]*name=\"catalog\"[^}]*}");
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("title").asString()).isEqualTo("Catalog unavailable");
        assertThat(problem.get("traceId").asString()).matches("[0-9a-f]{32}");
    }

    private long ordersOf(String customer) {
        return jdbc.sql("select count(distinct order_id) from order_event where payload->>'customerId' = ?")
                .param(customer).query(Long.class).single();
    }

    private String metrics() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> place(String customer, String sku) throws Exception {
        return http.send(post(issuer.customer(customer), "{\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}"),
                BodyHandlers.ofString());
    }

    private HttpRequest post(String token, String body) {
        return HttpRequest.newBuilder(uri("/api/orders")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + issuer.admin()).build(),
                BodyHandlers.ofString());
    }
}
