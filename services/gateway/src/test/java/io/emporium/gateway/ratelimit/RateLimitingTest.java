package io.emporium.gateway.ratelimit;

import java.time.Duration;

import io.emporium.gateway.Downstreams;
import io.emporium.gateway.RecordingService;
import io.emporium.gateway.ScriptedService;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the running gateway with the in-memory store (no Redis anywhere) and a bucket of 3 refilled at 1 per
 * second by a clock the test moves. Anonymous clients are told apart by X-Forwarded-For, which the gateway believes
 * because the test connects from the loopback, configured as a trusted proxy here; authenticated ones by their
 * token's subject. Behind
 * the gateway: a catalog that answers everything, and for the order details one stub standing in for orders,
 * payments, shipping and catalog, which has an order with no items and nothing else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false", "emporium.gateway.trusted-proxies=127.0.0.1",
        "emporium.gateway.rate-limit.burst-capacity=3",
        "emporium.gateway.rate-limit.replenish-rate=1" })
class RateLimitingTest {

    @RegisterExtension
    static final Downstreams downstreams = new Downstreams();
    static final RecordingService catalog = downstreams.recording("catalog");
    static final ScriptedService detailsServices = downstreams.add(ScriptedService.start().script((exchange, n) -> {
        boolean order = exchange.getRequestURI().getPath().startsWith("/api/orders/");
        ScriptedService.respond(exchange, order ? 200 : 404, order ? "{\"id\":\"o-1\",\"items\":[]}" : "");
    }), "orders", "payments", "shipping");

    @TestConfiguration
    static class Clock {

        @Bean
        ManualClock manualClock() {
            return new ManualClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ManualClock clock;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void afterABurstTheNextRequestIsA429ProblemWithRetryAfter() {
        String alice = "198.51.100.1";
        for (String remaining : new String[] { "2", "1", "0" }) {
            get(alice).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Remaining", remaining);
        }
        int served = catalog.received().size();

        get(alice).expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectHeader().valueEquals("X-RateLimit-Remaining", "0")
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Too Many Requests")
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("at most 3 requests at once and 1 per second"))
                .jsonPath("$.instance").isEqualTo("/api/catalog/products")
                .jsonPath("$.traceId").isNotEmpty();
        assertThat(catalog.received()).as("a refused request never reaches the service").hasSize(served);
    }

    @Test
    void eachClientHasItsOwnBucket() {
        String bob = "198.51.100.2";
        String carol = "198.51.100.3";
        for (int i = 0; i < 3; i++) {
            get(bob).expectStatus().isOk();
        }
        get(bob).expectStatus().isEqualTo(429);

        get(carol).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Remaining", "2");
    }

    @Test
    void aClientIsAdmittedAgainOnceItsBucketRefills() {
        String dave = "198.51.100.4";
        for (int i = 0; i < 3; i++) {
            get(dave).expectStatus().isOk();
        }
        get(dave).expectStatus().isEqualTo(429);

        clock.advance(Duration.ofSeconds(1));

        get(dave).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Remaining", "0");
    }

    @Test
    void countsRefusalsPerRoute() {
        String erin = "198.51.100.5";
        for (int i = 0; i < 4; i++) {
            get(erin);
        }

        client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics)
                        .containsPattern("emporium_gateway_rate_limited_total\\{[^}]*route=\"catalog\"[^}]*} [1-9]"));
    }

    @Test
    void theOrderDetailsTheGatewayComposesItselfAreLimitedLikeRoutedRequests() {
        String frank = TestIssuer.shared().customer("frank");
        for (String remaining : new String[] { "2", "1", "0" }) {
            details(frank, "198.51.100.7").expectStatus().isOk()
                    .expectHeader().valueEquals("X-RateLimit-Remaining", remaining)
                    .expectBody().jsonPath("$.order.id").isEqualTo("o-1");
        }
        long ordersAsked = detailsServices.received().stream().filter(call -> call.startsWith("GET /api/orders/"))
                .count();

        details(frank, "198.51.100.7").expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectBody()
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("at most 3 requests at once and 1 per second"))
                .jsonPath("$.instance").isEqualTo("/api/orders/o-1/details");
        assertThat(detailsServices.received().stream().filter(call -> call.startsWith("GET /api/orders/")).count())
                .as("a refused request calls no service").isEqualTo(ordersAsked);
        client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics)
                        .containsPattern("emporium_gateway_rate_limited_total\\{[^}]*route=\"orders\"[^}]*} [1-9]"));
    }

    @Test
    void anAuthenticatedClientIsCountedByItsTokensSubjectWhateverItsAddress() {
        String grace = TestIssuer.shared().customer("grace");
        details(grace, "198.51.100.8").expectStatus().isOk();
        details(grace, "198.51.100.9").expectStatus().isOk();
        details(grace, "198.51.100.10").expectStatus().isOk();

        details(grace, "198.51.100.11").expectStatus().isEqualTo(429);
        get("198.51.100.11").expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Remaining", "2");
    }

    @Test
    void theGatewaysOwnEndpointsAreNotLimited() {
        for (int i = 0; i < 10; i++) {
            client.get().uri("/actuator/health").header("X-Forwarded-For", "198.51.100.6").exchange()
                    .expectStatus().isOk()
                    .expectHeader().doesNotExist("X-RateLimit-Remaining");
        }
    }

    @Test
    void noRedisIsConfiguredWithTheInMemoryStore(@Autowired ApplicationContext context) {
        assertThat(context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
        assertThat(context.getBean(RateLimitFilter.class)).isNotNull();
        assertThat(context.getBeansOfType(InMemoryRateLimiter.class)).hasSize(1);
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    private WebTestClient.ResponseSpec get(String clientAddress) {
        return client.get().uri("/api/catalog/products").header("X-Forwarded-For", clientAddress).exchange();
    }

    private WebTestClient.ResponseSpec details(String token, String clientAddress) {
        return client.get().uri("/api/orders/o-1/details").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Forwarded-For", clientAddress).exchange();
    }
}
