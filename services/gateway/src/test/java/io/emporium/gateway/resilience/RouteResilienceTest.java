package io.emporium.gateway.resilience;

import java.time.Duration;
import java.util.List;

import io.emporium.gateway.Downstreams;
import io.emporium.gateway.Gateway;
import io.emporium.gateway.Gateway.Answer;
import io.emporium.gateway.ScriptedService;
import io.emporium.platform.test.security.TestIssuer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static io.emporium.gateway.ScriptedService.drop;
import static io.emporium.gateway.ScriptedService.firstTimes;
import static io.emporium.gateway.ScriptedService.ok;
import static io.emporium.gateway.ScriptedService.seconds;
import static io.emporium.gateway.ScriptedService.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Timeouts, retries, circuit breakers and bulkheads of the routes, each proven by injecting the fault into stub
 * services behind the running gateway over real HTTP. The inventory breaker and the payments/shipping bulkheads
 * get small test sizes; everything else is the production configuration (catalog times out after 2 s).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false", "emporium.gateway.rate-limit.enabled=false",
        "resilience4j.circuitbreaker.instances.inventory.sliding-window-size=4",
        "resilience4j.circuitbreaker.instances.inventory.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.instances.inventory.failure-rate-threshold=50",
        "resilience4j.circuitbreaker.instances.inventory.wait-duration-in-open-state=2s",
        "resilience4j.circuitbreaker.instances.inventory.permitted-number-of-calls-in-half-open-state=2",
        "resilience4j.bulkhead.instances.payments.max-concurrent-calls=3",
        "resilience4j.bulkhead.instances.shipping.max-concurrent-calls=3" })
class RouteResilienceTest {

    @RegisterExtension
    static final Downstreams downstreams = new Downstreams();
    static final ScriptedService catalog = downstreams.scripted("catalog");
    static final ScriptedService orders = downstreams.scripted("orders");
    static final ScriptedService inventory = downstreams.scripted("inventory");
    static final ScriptedService payments = downstreams.scripted("payments");
    static final ScriptedService shipping = downstreams.scripted("shipping");
    static final String TOKEN = TestIssuer.shared().customer("alice");

    @LocalServerPort
    int port;

    Gateway gateway;
    WebTestClient client;

    @BeforeEach
    void setUp() {
        gateway = new Gateway(port);
        client = gateway.client(TOKEN);
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsA504ProblemAfterTheRoutesTimeout() {
        catalog.script(catalog.after(seconds(5), ok("{}")));

        long started = System.nanoTime();
        client.get().uri("/api/catalog/products").exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(504)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("catalog", "2000 ms"))
                .jsonPath("$.traceId").isNotEmpty();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("about the catalog route's 2 s").isBetween(seconds(1.9), seconds(3.5));
        assertThat(catalog.requests()).as("a timeout is not retried").isEqualTo(1);
    }

    @Test
    void aGetIsRetriedAfterTwo503sAndSucceeds() {
        catalog.script(firstTimes(2, status(503, "{}"), ok("{\"name\":\"kettle\"}")));

        client.get().uri("/api/catalog/products/1").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("kettle");

        assertThat(catalog.requests()).isEqualTo(3);
    }

    @Test
    void aGetIsRetriedAfterDroppedConnectionsAndSucceeds() {
        catalog.script(firstTimes(2, drop(), ok("{\"name\":\"kettle\"}")));

        client.get().uri("/api/catalog/products/1").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("kettle");

        assertThat(catalog.requests()).isEqualTo(3);
    }

    @Test
    void retriesAreBounded() {
        orders.script(status(503, "{}"));

        client.get().uri("/api/orders/o-1").exchange().expectStatus().isEqualTo(503)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER);

        assertThat(orders.requests()).as("the first attempt and 2 retries").isEqualTo(3);
    }

    @Test
    void aPostIsNeverRetried() {
        orders.script(status(503, "{}"));

        client.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"items\":[]}")
                .header("Idempotency-Key", "k-1").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(orders.received()).containsExactly("POST /api/orders");
    }

    @Test
    void aClientErrorIsRelayedAndNeverRetried() {
        orders.script(status(404, "{\"status\":404,\"title\":\"Not Found\"}"));

        client.get().uri("/api/orders/o-404").exchange().expectStatus().isNotFound();

        assertThat(orders.requests()).isEqualTo(1);
    }

    @Test
    void theBreakerOpensAfterFailuresAnswersFastWithoutCallingThenClosesWhenTheServiceRecovers(
            @Autowired CircuitBreakerRegistry breakers) {
        inventory.script(status(500, "{}"));
        for (int i = 0; i < 4; i++) {
            client.get().uri("/api/inventory/stock/SKU-1").exchange().expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                            .contains("inventory", "answered 500"));
        }
        CircuitBreaker breaker = breakers.circuitBreaker("inventory");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(inventory.requests()).as("a 500 is not retried").isEqualTo(4);

        long started = System.nanoTime();
        client.get().uri("/api/inventory/stock/SKU-1").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("inventory", "paused"))
                .jsonPath("$.traceId").isNotEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(seconds(0.5));
        assertThat(inventory.requests()).as("an open breaker does not call the service").isEqualTo(4);

        inventory.script(ok("{\"available\":3}"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN));
        for (int i = 0; i < 2; i++) {
            client.get().uri("/api/inventory/stock/SKU-1").exchange().expectStatus().isOk();
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(inventory.requests()).isEqualTo(2);
    }

    @Test
    void beyondTheBulkheadRequestsAreShedAtOnceWhileAdmittedOnesSucceed() {
        payments.script(payments.after(seconds(1.5), ok("{\"status\":\"CAPTURED\"}")));

        List<Answer> answers = concurrently(5, "/api/payments/orders/o-1");

        assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(3);
        assertThat(answers).filteredOn(answer -> answer.status() == 503).hasSize(2).allSatisfy(shed -> {
            assertThat(shed.retryAfter()).isEqualTo("1");
            assertThat(shed.took()).isLessThan(seconds(1));
            assertThat(shed.body()).contains("payments", "busy");
        });
        assertThat(payments.requests()).as("shed requests never reach the service").isEqualTo(3);
    }

    @Test
    void aSaturatedRouteDoesNotSlowAnotherRoute() {
        shipping.script(shipping.hang());
        Flux.range(0, 3).flatMap(i -> call("/api/shipping/orders/o-" + i)).subscribe();
        await().atMost(Duration.ofSeconds(5)).until(() -> shipping.requests() == 3);
        catalog.script(ok("{}"));

        call("/api/shipping/orders/o-4").as(answer -> assertThat(answer.block().status()).isEqualTo(503));
        long started = System.nanoTime();
        client.get().uri("/api/catalog/products").exchange().expectStatus().isOk();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(seconds(0.5));
    }

    @Test
    void resilienceMetricsArePublished() {
        catalog.script(firstTimes(1, status(503, "{}"), ok("{}")));
        client.get().uri("/api/catalog/products").exchange().expectStatus().isOk();
        payments.script(payments.after(seconds(1), ok("{}")));
        concurrently(4, "/api/payments/orders/o-9");

        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics)
                        .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"catalog\"[^}]*state=\"closed\"")
                        .containsPattern("resilience4j_retry_calls_total\\{[^}]*kind=\"successful_with_retry\"[^}]*name=\"catalog\"")
                        .containsPattern("resilience4j_bulkhead_available_concurrent_calls\\{[^}]*name=\"payments\"")
                        .containsPattern("resilience4j_bulkhead_max_allowed_concurrent_calls\\{[^}]*name=\"payments\"[^}]*} 3\\.0")
                        .containsPattern("emporium_gateway_shed_total\\{[^}]*route=\"payments\"[^}]*} [1-9]")
                        // counted from the start, at 0, where nothing was shed yet
                        .containsPattern("emporium_gateway_shed_total\\{[^}]*route=\"notifications\"[^}]*} 0\\.0")
                        .containsPattern("emporium_gateway_shed_total\\{[^}]*route=\"order-details\"[^}]*} 0\\.0"));
    }

    private List<Answer> concurrently(int requests, String path) {
        return Flux.range(0, requests).flatMap(i -> call(path), requests).collectList().block(Duration.ofSeconds(20));
    }

    private Mono<Answer> call(String path) {
        return gateway.get(path, TOKEN);
    }

}
