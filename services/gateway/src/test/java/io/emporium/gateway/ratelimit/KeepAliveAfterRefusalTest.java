package io.emporium.gateway.ratelimit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.emporium.gateway.Downstreams;
import io.emporium.gateway.RecordingService;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer the gateway gives itself (a 429 before or after authentication, a 401, its health) leaves the
 * client's keep-alive connection ready for the next request. A client that reuses its connection, as browsers and
 * every pooled HTTP client do, once waited forever for a request after a few such answers: Reactor Netty 1.3.6
 * queued a request that arrived while the previous exchange was still finishing on the server, answered it, and then
 * never read the connection again (reactor-netty #4347, #4361, fixed in 1.3.8). This test failed in every run on
 * 1.3.6; the system tests saw it as a request timing out after a 429.
 * <p>
 * One JDK client, one request at a time, so every request rides the same connection; each must be answered within
 * a few seconds. Budgets of 2 (1 per second), so most requests are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "emporium.gateway.rate-limit.burst-capacity=2", "emporium.gateway.rate-limit.replenish-rate=1",
        "emporium.gateway.rate-limit.unauthenticated.burst-capacity=2",
        "emporium.gateway.rate-limit.unauthenticated.replenish-rate=1" })
class KeepAliveAfterRefusalTest {

    @RegisterExtension
    static final Downstreams downstreams = new Downstreams();
    static final RecordingService catalog = downstreams.recording("catalog");

    @LocalServerPort
    int port;

    @Test
    void everyRequestOnOneConnectionIsAnsweredWhateverTheAnswerBefore() throws Exception {
        TestIssuer issuer = TestIssuer.shared();
        String valid = issuer.customer("alice");
        String forged = issuer.signWithUnknownKey(issuer.claims("mallory", List.of("ADMIN")).build());
        List<Integer> statuses = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int round = 0; round < 60; round++) {
                statuses.add(send(client, "/api/catalog/products", null));
                statuses.add(send(client, "/actuator/health", null));
                statuses.add(send(client, "/api/catalog/products", valid));
                statuses.add(send(client, "/api/orders/1", forged));
                statuses.add(send(client, "/api/orders/1", "not-a-token"));
            }
        }
        assertThat(statuses).as("refusals before authentication, after it, and the gateway's health")
                .contains(429, 401, 200);
    }

    /** The status, or an assertion failure naming the request that was not answered in time. */
    private int send(HttpClient client, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString());
            return response.statusCode();
        }
        catch (java.net.http.HttpTimeoutException ex) {
            throw new AssertionError("GET " + path + " was not answered within 5 s on a reused connection", ex);
        }
    }
}
