package io.emporium.runner.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.emporium.runner.TestPorts;

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
    void theStateIsReadOnlyWithTheControlToken() throws Exception {
        assertThat(get("/state", null).statusCode()).isEqualTo(403);
        assertThat(get("/state", "guessed").statusCode()).isEqualTo(403);
        assertThat(get("/state", TOKEN + "x").statusCode()).isEqualTo(403);
        assertThat(get("/state", "").statusCode()).isEqualTo(403);

        HttpResponse<String> state = get("/state", TOKEN);

        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).containsPattern("\"phase\"\\s*:\\s*\"READY\"");
    }

    @Test
    void stopsOnlyWithTheControlToken() throws Exception {
        assertThat(post("/down", "guessed", "").statusCode()).isEqualTo(403);
        assertThat(control.downRequested()).isNotDone();

        assertThat(post("/down", TOKEN, "").statusCode()).isEqualTo(202);
        // the answer goes out first, then the stop is set going
        await().atMost(Duration.ofSeconds(5)).until(control.downRequested()::isDone);
    }

    /**
     * Slowloris: a connection that sends half a request and waits. In a JVM started with the supervisor's flags, so
     * the JDK's server reads its limits as it does in the supervisor.
     */
    @Test
    void aHalfSentRequestNeitherHoldsTheChannelNorStaysOpen() throws Exception {
        List<String> command = new ArrayList<>(List.of(TestPorts.java()));
        command.addAll(SystemControl.SUPERVISOR_JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ControlServerProcess.class.getName(),
                TOKEN));
        Process supervisor = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream stdin = supervisor.getOutputStream()) {
            int port = Integer.parseInt(new BufferedReader(new InputStreamReader(supervisor.getInputStream(),
                    StandardCharsets.UTF_8)).readLine().strip());
            try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = slow.getOutputStream();
                out.write("GET /state HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Emporium-Tok"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long halfSent = System.nanoTime();

                HttpResponse<String> state = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/state"))
                        .header(ControlServer.TOKEN_HEADER, TOKEN).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(state.statusCode()).as("a whole request, while the half one waits").isEqualTo(200);

                Duration limit = Duration.ofSeconds(ControlServer.MAX_REQUEST_SECONDS);
                slow.setSoTimeout((int) limit.plusSeconds(10).toMillis());
                assertThat(closedByServer(slow.getInputStream())).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - halfSent))
                        .as("the half-sent request's connection is closed within the limit (checked every second)")
                        .isLessThan(limit.plusSeconds(3));
            }
        } finally {
            supervisor.destroyForcibly();
        }
    }

    /** Reads until the server closes the connection (true), or until the socket's read timeout (false). */
    private static boolean closedByServer(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // whatever the server says before it closes
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset
        }
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

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header(ControlServer.TOKEN_HEADER, token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
