package io.emporium.gateway.security;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.emporium.gateway.Downstreams;
import io.emporium.gateway.RecordingService;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway checks the token before routing: nothing without a valid one reaches a service (401), admin operations
 * need the admin role (403), catalog browsing is public, and the caller's token is relayed unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "eureka.client.enabled=false" })
class GatewaySecurityTest {

    @RegisterExtension
    static final Downstreams downstreams = new Downstreams();
    static final RecordingService orders = downstreams.recording("orders");
    static final RecordingService catalog = downstreams.recording("catalog");
    static final TestIssuer issuer = TestIssuer.shared();

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        orders.received().clear();
        catalog.received().clear();
    }

    @Test
    void withoutATokenNothingReachesTheService() {
        client.get().uri("/api/orders/123").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer");
        assertThat(orders.received()).isEmpty();
    }

    @Test
    void badTokensAreRefusedBeforeRouting() {
        Instant past = Instant.now().minusSeconds(600);
        List<String> refused = List.of(
                issuer.sign(issuer.claims("alice", List.of("customer")).issueTime(Date.from(past))
                        .notBeforeTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(300))).build()),
                issuer.sign(issuer.claims("alice", List.of("customer")).issuer("http://elsewhere.test").build()),
                issuer.sign(issuer.claims("alice", List.of("customer")).audience("payments").build()),
                issuer.signWithUnknownKey(issuer.claims("alice", List.of("customer")).build()));
        for (String token : refused) {
            client.get().uri("/api/orders/123").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized();
        }
        assertThat(orders.received()).isEmpty();
    }

    @Test
    void aValidTokenIsRelayedUnchanged() {
        String token = issuer.customer("alice");
        client.get().uri("/api/orders/123").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
        assertThat(orders.received()).singleElement()
                .satisfies(headers -> assertThat(headers.get("authorization")).containsExactly("Bearer " + token));
    }

    @Test
    void adminOperationsNeedTheAdminRole() {
        client.post().uri("/api/orders/admin/read-model/rebuild")
                .headers(h -> h.setBearerAuth(issuer.customer("alice"))).exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(orders.received()).isEmpty();
        client.post().uri("/api/orders/admin/read-model/rebuild").headers(h -> h.setBearerAuth(issuer.admin()))
                .exchange().expectStatus().isOk();
        assertThat(orders.received()).hasSize(1);
    }

    @Test
    void browsingTheCatalogNeedsNoToken() {
        client.get().uri("/api/catalog/products").exchange().expectStatus().isOk();
        assertThat(catalog.received()).hasSize(1);
    }
}
