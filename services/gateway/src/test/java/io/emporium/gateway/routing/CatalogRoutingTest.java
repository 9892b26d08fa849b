package io.emporium.gateway.routing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.emporium.gateway.Downstreams;
import io.emporium.gateway.ScriptedService;
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
 * The gateway routes {@code /api/catalog/**} to an instance of "catalog" found through discovery (here a
 * simple discovery entry pointing at a stub server standing in for the catalog), unchanged, with trace context,
 * and never lets a request reach a service's management endpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "eureka.client.enabled=false" })
class CatalogRoutingTest {

    @RegisterExtension
    static final Downstreams downstreams = new Downstreams();
    static final ScriptedService catalog = downstreams.scripted("catalog");
    /** What reached the catalog, as it saw it. */
    static final List<Received> received = new CopyOnWriteArrayList<>();

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        received.clear();
        // answers every request with the path it saw, and records it
        catalog.script((exchange, n) -> {
            String pathAndQuery = exchange.getRequestURI().toString();
            var headers = exchange.getRequestHeaders();
            received.add(new Received(pathAndQuery, headers.getFirst("traceparent"),
                    headers.getFirst("X-Forwarded-For"), headers.getFirst("X-Forwarded-Proto")));
            ScriptedService.respond(exchange, 200, "{\"served\":\"" + pathAndQuery + "\"}");
        });
    }

    @Test
    void routesCatalogRequestsUnchangedWithTraceContext() {
        client.get().uri("/api/catalog/products?size=3").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.served").isEqualTo("/api/catalog/products?size=3");

        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.pathAndQuery()).isEqualTo("/api/catalog/products?size=3");
            assertThat(request.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            assertThat(request.forwardedFor()).isEqualTo("127.0.0.1");
            assertThat(request.forwardedProto()).isEqualTo("http");
        });
    }

    @Test
    void aClientsOwnForwardingHeadersNeverReachTheService() {
        client.get().uri("/api/catalog/products").header("X-Forwarded-For", "198.51.100.1")
                .header("X-Forwarded-Proto", "https").exchange()
                .expectStatus().isOk();

        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.forwardedFor()).as("the connection's peer, not a trusted proxy").isEqualTo("127.0.0.1");
            assertThat(request.forwardedProto()).isEqualTo("http");
        });
    }

    @Test
    void measuresEachRoutedCallPerRoute() {
        client.get().uri("/api/catalog/products/7").exchange().expectStatus().isOk();

        client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics)
                        .containsPattern("gateway_downstream_requests_seconds_count\\{[^}]*http_status_code=\"200\""
                                + "[^}]*spring_cloud_gateway_route_id=\"catalog\""));
    }

    @Test
    void neverRoutesToManagementEndpoints() {
        for (String path : List.of("/api/catalog/actuator/env", "/api/catalog/actuator",
                "/api/catalog/%2e%2e/%2e%2e/actuator/health")) {
            client.get().uri(java.net.URI.create("http://127.0.0.1:" + port + path)).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void unknownApiPathIsA404Problem() {
        client.get().uri("/api/nothing-here").headers(h -> h.setBearerAuth(TestIssuer.shared().customer("alice")))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.traceId").isNotEmpty();
    }

    record Received(String pathAndQuery, String traceparent, String forwardedFor, String forwardedProto) {
    }
}
