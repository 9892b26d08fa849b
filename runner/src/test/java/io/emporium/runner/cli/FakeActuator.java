package io.emporium.runner.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.emporium.runner.auth.FakeAuthorizationServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service instance's actuator as Spring Boot and the platform answer it, on an ephemeral port of 127.0.0.1: 401
 * without a token it knows, 403 for the user's (a known token that is not the admin's), 404 to the admin once hidden.
 * <ul>
 * <li>{@code GET /actuator/loggers/<name>} gives {@code configuredLevel} and {@code effectiveLevel} (INFO, the
 * root's, when not set); {@code POST} with {@code {"configuredLevel": ...}} sets or (with null) resets it and answers
 * 204.</li>
 * <li>{@code /actuator/chaos} as the platform's contract describes it: {@code GET} the faults injected (none at
 * first), {@code POST} with {@code latency}, {@code errorRate} and {@code duration} injects them (until
 * 2026-11-26T14:01:00Z with a duration), {@code DELETE} stops; each answers the faults injected then.</li>
 * </ul>
 */
final class FakeActuator implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHAOS_ACTIVE =
            "{\"active\":true,\"latency\":\"PT2S\",\"errorRate\":0.3,\"until\":\"2026-11-26T14:01:00Z\"}";
    private static final String CHAOS_INACTIVE =
            "{\"active\":false,\"latency\":null,\"errorRate\":0.0,\"until\":null}";

    private final HttpServer server;
    private final String adminToken;
    private final String userToken;
    private final Map<String, String> configured = new ConcurrentHashMap<>();
    private final List<String> posts = Collections.synchronizedList(new ArrayList<>());
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> chaosCalls = Collections.synchronizedList(new ArrayList<>());
    private volatile String chaos = CHAOS_INACTIVE;
    private volatile boolean hidden;

    private FakeActuator(HttpServer server, String adminToken, String userToken) {
        this.server = server;
        this.adminToken = adminToken;
        this.userToken = userToken;
    }

    /** An actuator that admits the access token of identity's admin, and refuses alice's with 403. */
    static FakeActuator start(FakeAuthorizationServer identity) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeActuator fake =
                    new FakeActuator(http, identity.accessTokenOf("admin"), identity.accessTokenOf("alice"));
            http.createContext("/actuator", fake::handle);
            http.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The level set for a logger, as if the service's configuration said so. */
    void configure(String logger, String level) {
        configured.put(logger, level);
    }

    /** Faults injected from now on, as if asked before: latency 2s, error rate 0.3, until 2026-11-26T14:01:00Z. */
    void injectChaos() {
        chaos = CHAOS_ACTIVE;
    }

    /**
     * Answers 404 to the admin from now on, as a service that does not expose the endpoints: the gateway its loggers,
     * an instance without the local or test profile its chaos.
     */
    void hide() {
        hidden = true;
    }

    /** {@code <path> <body>} of each POST the admin's token made to the loggers, in order. */
    List<String> posts() {
        synchronized (posts) {
            return List.copyOf(posts);
        }
    }

    /** {@code METHOD path} of every request, whatever its token. */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** {@code METHOD path body authorization} of each call the admin's token made to the chaos, in order. */
    List<String> chaosCalls() {
        synchronized (chaosCalls) {
            return List.copyOf(chaosCalls);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (("Bearer " + userToken).equals(authorization)) {
                send(exchange, 403, "{\"status\":403,\"title\":\"Forbidden\"}");
                return;
            }
            if (!("Bearer " + adminToken).equals(authorization)) {
                send(exchange, 401, "{\"status\":401,\"title\":\"Unauthorized\"}");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.equals("/actuator/chaos")) {
                chaosCalls.add(exchange.getRequestMethod() + " " + path + " " + body + " " + authorization);
            }
            if (hidden) {
                send(exchange, 404, "{\"status\":404,\"title\":\"Not Found\"}");
            } else if (path.equals("/actuator/chaos")) {
                chaos(exchange, body);
            } else if (path.startsWith("/actuator/loggers")) {
                loggers(exchange, path, body);
            } else {
                send(exchange, 404, "{\"status\":404,\"title\":\"Not Found\"}");
            }
        }
    }

    private void loggers(HttpExchange exchange, String path, String body) throws IOException {
        if (path.equals("/actuator/loggers")) {
            send(exchange, 200, "{\"levels\":[\"OFF\",\"ERROR\",\"WARN\",\"INFO\",\"DEBUG\",\"TRACE\"]}");
            return;
        }
        String logger = path.substring("/actuator/loggers/".length());
        switch (exchange.getRequestMethod()) {
            case "GET" -> {
                String level = configured.get(logger);
                send(exchange, 200, "{\"configuredLevel\":" + (level == null ? "null" : "\"" + level + "\"")
                        + ",\"effectiveLevel\":\"" + (level == null ? "INFO" : level) + "\"}");
            }
            case "POST" -> {
                posts.add(path + " " + body);
                JsonNode level = JSON.readTree(body).get("configuredLevel");
                if (level == null || level.isNull()) {
                    configured.remove(logger);
                } else {
                    configured.put(logger, level.asString());
                }
                exchange.sendResponseHeaders(204, -1);
            }
            default -> send(exchange, 405, "{}");
        }
    }

    private void chaos(HttpExchange exchange, String body) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET" -> send(exchange, 200, chaos);
            case "DELETE" -> {
                chaos = CHAOS_INACTIVE;
                send(exchange, 200, chaos);
            }
            case "POST" -> {
                JsonNode request = JSON.readTree(body);
                String latency = request.path("latency").asString(null);
                chaos = JSON.writeValueAsString(Map.of(
                        "active", true,
                        "latency", latency == null ? "PT0S" : Durations.parse(latency).toString(),
                        "errorRate", request.path("errorRate").asDouble(0)))
                        .replace("}", request.has("duration")
                                ? ",\"until\":\"2026-11-26T14:01:00Z\"}" : ",\"until\":null}");
                send(exchange, 200, chaos);
            }
            default -> send(exchange, 405, "{}");
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
