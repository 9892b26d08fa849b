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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service instance's {@code /actuator/loggers} as Spring Boot answers it, on an ephemeral port of 127.0.0.1: 401
 * without a token it knows, 403 for a known token that is not the admin's; {@code GET /actuator/loggers/<name>} gives
 * {@code configuredLevel} and {@code effectiveLevel} (INFO, the root's, when not set); {@code POST} with
 * {@code {"configuredLevel": ...}} sets or (with null) resets it and answers 204.
 */
final class FakeActuator implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final String adminToken;
    private final String userToken;
    private final Map<String, String> configured = new ConcurrentHashMap<>();
    private final List<String> posts = Collections.synchronizedList(new ArrayList<>());
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean hidden;

    private FakeActuator(HttpServer server, String adminToken, String userToken) {
        this.server = server;
        this.adminToken = adminToken;
        this.userToken = userToken;
    }

    /** @param userToken a token that is valid but not an admin's: refused with 403 */
    static FakeActuator start(String adminToken, String userToken) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeActuator fake = new FakeActuator(http, adminToken, userToken);
            http.createContext("/actuator/loggers", fake::handle);
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

    /** Answers 404 to the admin from now on, as a service that does not expose the endpoint (the gateway). */
    void hideLoggers() {
        hidden = true;
    }

    /** {@code <path> <body>} of each POST the admin's token made, in order. */
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
            if (hidden) {
                send(exchange, 404, "{\"status\":404,\"title\":\"Not Found\"}");
                return;
            }
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
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
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
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
