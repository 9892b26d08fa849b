package io.emporium.gateway.headers;

import java.util.List;

import io.emporium.gateway.Downstreams;
import io.emporium.gateway.RecordingService;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Through the running gateway to a stub service: internal headers a client sends never arrive; the token does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false", "logging.level.io.emporium.gateway.headers=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class InternalHeadersRoutingTest {

    @RegisterExtension
    static final Downstreams downstreams = new Downstreams();
    static final RecordingService orders = downstreams.recording("orders");
    static final String TOKEN = TestIssuer.shared().customer("bob");

    @LocalServerPort
    int port;

    @Test
    void internalHeadersNeverReachTheServiceWhileTheTokenDoes(CapturedOutput output) {
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build()
                .post().uri("/api/orders")
                .header("Authorization", "Bearer " + TOKEN)
                .header("X-User-Id", "admin-impersonated")
                .header("x-user-roles", "admin")
                .header("X-Customer-Id", "bob")
                .header("X-Emporium-Caller", "orders-service")
                .header("X-Internal-Trust", "yes")
                .header("Idempotency-Key", "k-1")
                .exchange()
                .expectStatus().isOk();

        assertThat(orders.received()).singleElement().satisfies(headers -> {
            assertThat(headers).containsEntry("authorization", List.of("Bearer " + TOKEN))
                    .containsEntry("idempotency-key", List.of("k-1"))
                    .doesNotContainKeys("x-user-id", "x-user-roles", "x-customer-id", "x-emporium-caller",
                            "x-internal-trust");
        });
        assertThat(output).contains("Removed client-supplied internal headers").contains("X-User-Id")
                .doesNotContain("admin-impersonated").doesNotContain("orders-service");
    }
}
