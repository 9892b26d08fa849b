package io.emporium.gateway.routing;

import io.emporium.gateway.Downstreams;
import io.emporium.gateway.RecordingService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every request through the gateway leaves one access line in its trace, and the response names that trace. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "eureka.client.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTest {

    @RegisterExtension
    static final Downstreams downstreams = new Downstreams();
    static final RecordingService catalog = downstreams.recording("catalog");

    @LocalServerPort
    int port;

    @Test
    void aRoutedRequestIsLoggedOnceInItsTraceAndTheTraceIsRelayed(CapturedOutput output) {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build()
                .get().uri("/api/catalog/products?q=secret-search")
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .exchange().expectStatus().isOk().expectHeader().valueEquals("X-Trace-Id", traceId);

        await().untilAsserted(() -> assertThat(output.getOut()).contains("GET /api/catalog/products 200"));
        String line = output.getOut().lines().filter(l -> l.contains("GET /api/catalog/products 200")).findFirst()
                .orElseThrow();
        assertThat(line).contains(traceId).doesNotContain("secret-search");
        assertThat(catalog.received()).singleElement().satisfies(headers -> {
            assertThat(headers.get("traceparent").getFirst()).contains(traceId);
            // the gateway named the request, and the service behind it gets the same name
            assertThat(headers.get("x-request-id").getFirst()).matches("[0-9a-f-]{36}");
        });
    }
}
