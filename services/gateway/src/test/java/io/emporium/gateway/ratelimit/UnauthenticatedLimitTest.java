package io.emporium.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.emporium.gateway.Downstreams;
import io.emporium.gateway.RecordingService;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget of a client address before authentication, through the running gateway: 3 requests, refilled at 1 per
 * second by a clock the test moves. Every token the gateway verifies is counted by wrapping its
 * {@link ReactiveJwtDecoder}.
 * The test's clients connect from different loopback addresses (127.0.0.2, 127.0.0.3, ...), each a client address of
 * its own; 127.0.0.1 is configured as a trusted proxy, whose X-Forwarded-For names the client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false", "emporium.gateway.trusted-proxies=127.0.0.1",
        "emporium.gateway.rate-limit.unauthenticated.burst-capacity=3",
        "emporium.gateway.rate-limit.unauthenticated.replenish-rate=1" })
class UnauthenticatedLimitTest {

    static final AtomicInteger verifications = new AtomicInteger();

    @RegisterExtension
    static final Downstreams downstreams = new Downstreams();
    static final RecordingService orders = downstreams.recording("orders");
    static final RecordingService catalog = downstreams.recording("catalog");

    @TestConfiguration
    static class Counting {

        @Bean
        ManualClock manualClock() {
            return new ManualClock();
        }

        /** Counts every token the gateway's security chain hands to its decoder (parsing and verification). */
        @Bean
        static BeanPostProcessor countTokenVerifications() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof ReactiveJwtDecoder decoder) {
                        return (ReactiveJwtDecoder) token -> {
                            verifications.incrementAndGet();
                            return decoder.decode(token);
                        };
                    }
                    return bean;
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ManualClock clock;

    @Test
    void badTokensBeyondTheBudgetAreRefusedWith429WithoutBeingVerified() {
        WebTestClient attacker = clientFrom("127.0.0.2");
        int before = verifications.get();
        int served = orders.received().size();
        for (int i = 0; i < 3; i++) {
            orders(attacker, forgedToken()).expectStatus().isUnauthorized();
        }
        assertThat(verifications.get() - before).isEqualTo(3);

        orders(attacker, forgedToken()).expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectBody()
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("at most 3 requests at once and 1 per second sustained, per client address"));
        for (int i = 0; i < 5; i++) {
            orders(attacker, forgedToken()).expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
        }
        assertThat(verifications.get() - before).as("tokens verified").isEqualTo(3);
        assertThat(orders.received()).hasSize(served);
        metrics().containsPattern(
                "emporium_gateway_rate_limited_total\\{[^}]*limit=\"pre-auth\",route=\"orders\"[^}]*} [1-9]");
    }

    @Test
    void sendingXForwardedForDoesNotEscapeTheLimit() {
        WebTestClient attacker = clientFrom("127.0.0.4");
        for (int i = 0; i < 3; i++) {
            orders(attacker, forgedToken()).expectStatus().isUnauthorized();
        }
        int before = verifications.get();

        attacker.get().uri("/api/orders").headers(headers -> headers.setBearerAuth(forgedToken()))
                .header("X-Forwarded-For", "198.51.100." + (int) (Math.random() * 200))
                .header("Forwarded", "for=198.51.100.250")
                .exchange().expectStatus().isEqualTo(429);
        // without a token, from the same address, is no way around it either
        attacker.get().uri("/api/catalog/products").header("X-Forwarded-For", "198.51.100.251").exchange()
                .expectStatus().isEqualTo(429);

        assertThat(verifications.get()).isEqualTo(before);
    }

    @Test
    void anotherAddressIsNotAffected() {
        WebTestClient attacker = clientFrom("127.0.0.5");
        for (int i = 0; i < 4; i++) {
            orders(attacker, forgedToken());
        }
        orders(attacker, forgedToken()).expectStatus().isEqualTo(429);

        WebTestClient neighbour = clientFrom("127.0.0.6");
        orders(neighbour, TestIssuer.shared().customer("nina")).expectStatus().isOk();
        orders(neighbour, forgedToken()).expectStatus().isUnauthorized();
        neighbour.get().uri("/api/catalog/products").exchange().expectStatus().isOk();
    }

    @Test
    void validTokensCostNothingAndTheBudgetRefillsAtItsRate() {
        WebTestClient shopper = clientFrom("127.0.0.7");
        String token = TestIssuer.shared().customer("sam");
        for (int i = 0; i < 10; i++) {
            orders(shopper, token).expectStatus().isOk();
        }
        for (int i = 0; i < 3; i++) {
            orders(shopper, forgedToken()).expectStatus().isUnauthorized();
        }
        // an empty budget refuses every token, unread
        orders(shopper, token).expectStatus().isEqualTo(429);

        clock.advance(Duration.ofSeconds(1));

        orders(shopper, token).expectStatus().isOk();
        orders(shopper, forgedToken()).expectStatus().isUnauthorized();
        orders(shopper, forgedToken()).expectStatus().isEqualTo(429);
    }

    @Test
    void requestsWithoutATokenDrawOnTheBudgetTooButTheGatewaysHealthDoesNot() {
        WebTestClient browser = clientFrom("127.0.0.8");
        for (int i = 0; i < 3; i++) {
            browser.get().uri("/api/catalog/products").exchange().expectStatus().isOk();
        }
        browser.get().uri("/api/catalog/products").exchange().expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "1");
        browser.get().uri("/actuator/health").exchange().expectStatus().isOk();
        metrics().containsPattern(
                "emporium_gateway_rate_limited_total\\{[^}]*limit=\"pre-auth\",route=\"catalog\"[^}]*} [1-9]");
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnBudget() {
        WebTestClient proxy = clientFrom("127.0.0.1");
        for (int i = 0; i < 3; i++) {
            ordersVia(proxy, "198.51.100.20").expectStatus().isUnauthorized();
        }
        ordersVia(proxy, "198.51.100.20").expectStatus().isEqualTo(429);

        ordersVia(proxy, "198.51.100.21").expectStatus().isUnauthorized();
        // what a client put in front of the proxy's entry is not believed
        ordersVia(proxy, "198.51.100.22, 198.51.100.20").expectStatus().isEqualTo(429);
    }

    private WebTestClient.ResponseSpec ordersVia(WebTestClient proxy, String forwardedFor) {
        return proxy.get().uri("/api/orders").headers(headers -> headers.setBearerAuth(forgedToken()))
                .header("X-Forwarded-For", forwardedFor).exchange();
    }

    private static WebTestClient.ResponseSpec orders(WebTestClient client, String token) {
        return client.get().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    /** A well-formed token with a random subject, signed with a key the issuer never published. */
    private static String forgedToken() {
        TestIssuer issuer = TestIssuer.shared();
        return issuer.signWithUnknownKey(issuer.claims(UUID.randomUUID().toString(), List.of("customer")).build());
    }

    private org.assertj.core.api.AbstractStringAssert<?> metrics() {
        String body = clientFrom("127.0.0.1").get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return assertThat(body);
    }

    /** A client whose connections come from {@code address} (any 127.x.y.z is the loopback on Linux). */
    private WebTestClient clientFrom(String address) {
        HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(http)).baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
    }
}
