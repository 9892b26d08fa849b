package io.emporium.runner.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlServerTest {

    private static final String TOKEN = "secret-token";

    private final List<String> scaled = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private ControlServer control;

    @BeforeEach
    void start() throws IOException {
        control = ControlServer.start(() -> new SystemState(1, 0, 0, Phase.READY, null, List.of()), TOKEN,
                (service, instances) -> {
                    scaled.add(service + "=" + instances);
                    return switch (service) {
                        case "kafka" -> throw new IllegalArgumentException("cannot scale kafka: it is infrastructure");
                        case "orders" -> throw new IllegalStateException("orders is still being scaled");
                        default -> new Supervisor.Change(service, instances, List.of(service + "#3"), List.of());
                    };
                });
    }

    @AfterEach
    void stop() {
        control.stop();
        http.close();
    }

    @Test
    void scalesOnlyWithTheControlToken() throws Exception {
        assertThat(post("/scale", null, "{\"service\":\"payments\",\"instances\":3}").statusCode()).isEqualTo(403);
        assertThat(post("/scale", "guessed", "{\"service\":\"payments\",\"instances\":3}").statusCode())
                .isEqualTo(403);
        assertThat(scaled).isEmpty();

        HttpResponse<String> accepted = post("/scale", TOKEN, "{\"service\":\"payments\",\"instances\":3}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).isEqualTo(
                "{\"service\":\"payments\",\"instances\":3,\"starting\":[\"payments#3\"],\"stopping\":[]}");
        assertThat(scaled).containsExactly("payments=3");
    }

    @Test
    void answersWhatCannotBeScaledWithTheReason() throws Exception {
        HttpResponse<String> notJson = post("/scale", TOKEN, "payments=3");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).startsWith("{\"error\":\"not JSON");

        HttpResponse<String> noCount = post("/scale", TOKEN, "{\"service\":\"payments\",\"instances\":\"3\"}");
        assertThat(noCount.statusCode()).isEqualTo(400);
        assertThat(noCount.body()).isEqualTo("{\"error\":\"expected {\\\"service\\\": NAME, \\\"instances\\\": N}\"}");
        assertThat(post("/scale", TOKEN, "{}").statusCode()).isEqualTo(400);
        assertThat(scaled).isEmpty();

        HttpResponse<String> infrastructure = post("/scale", TOKEN, "{\"service\":\"kafka\",\"instances\":2}");
        assertThat(infrastructure.statusCode()).isEqualTo(400);
        assertThat(infrastructure.body()).isEqualTo("{\"error\":\"cannot scale kafka: it is infrastructure\"}");

        HttpResponse<String> busy = post("/scale", TOKEN, "{\"service\":\"orders\",\"instances\":2}");
        assertThat(busy.statusCode()).isEqualTo(409);
        assertThat(busy.body()).isEqualTo("{\"error\":\"orders is still being scaled\"}");

        assertThat(http.send(HttpRequest.newBuilder(uri("/scale")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header(ControlServer.TOKEN_HEADER, token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + control.port() + path);
    }
}
