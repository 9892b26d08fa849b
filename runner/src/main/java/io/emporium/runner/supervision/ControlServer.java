package io.emporium.runner.supervision;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The supervisor's control channel, on 127.0.0.1 and a free port recorded in the state file:
 * {@code GET /state} returns the {@link SystemState} as JSON; {@code POST /down} asks for an orderly stop (202);
 * {@code POST /scale} with {@code {"service":"payments","instances":3}} sets how many instances of a service run
 * (202 with the {@link Supervisor.Change} set going; 400 with {@code {"error":...}} for a request that cannot be
 * done, 409 when the system is not ready or the service is still being scaled). Both POSTs must carry the token from
 * {@code var/run/control.token} (readable by the owner only) in the {@value #TOKEN_HEADER} header (403 otherwise), so
 * that neither another user nor a web page posting to localhost can change the system.
 */
final class ControlServer {

    static final String TOKEN_HEADER = "X-Emporium-Token";

    /** Carries out a scale request; see {@link Supervisor#scale}. */
    @FunctionalInterface
    interface Scaler {

        /**
         * @throws IllegalArgumentException when the request cannot be done (400)
         * @throws IllegalStateException    when it cannot be done now (409)
         */
        Supervisor.Change scale(String service, int instances);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final CompletableFuture<Void> downRequested = new CompletableFuture<>();

    private ControlServer(HttpServer server) {
        this.server = server;
    }

    static ControlServer start(Supplier<SystemState> state, String token, Scaler scaler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        ControlServer control = new ControlServer(server);
        server.createContext("/state", exchange -> {
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "");
                return;
            }
            respond(exchange, 200, StateFile.toJson(state.get()));
        });
        server.createContext("/down", exchange -> {
            if (!authorizedPost(exchange, token)) {
                return;
            }
            respond(exchange, 202, "{\"stopping\":true}");
            control.downRequested.complete(null);
        });
        server.createContext("/scale", exchange -> {
            if (!authorizedPost(exchange, token)) {
                return;
            }
            try {
                JsonNode request = JSON.readTree(exchange.getRequestBody());
                JsonNode service = request == null ? null : request.get("service");
                JsonNode instances = request == null ? null : request.get("instances");
                if (service == null || !service.isString() || instances == null || !instances.isInt()) {
                    respond(exchange, 400, error("expected {\"service\": NAME, \"instances\": N}"));
                    return;
                }
                Supervisor.Change change = scaler.scale(service.asString(), instances.intValue());
                java.util.Map<String, Object> answer = new java.util.LinkedHashMap<>();
                answer.put("service", change.service());
                answer.put("instances", change.instances());
                answer.put("starting", change.starting());
                answer.put("stopping", change.stopping());
                respond(exchange, 202, JSON.writeValueAsString(answer));
            } catch (JacksonException e) {
                respond(exchange, 400, error("not JSON: " + e.getOriginalMessage()));
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, error(e.getMessage()));
            } catch (IllegalStateException e) {
                respond(exchange, 409, error(e.getMessage()));
            }
        });
        server.start();
        return control;
    }

    int port() {
        return server.getAddress().getPort();
    }

    CompletableFuture<Void> downRequested() {
        return downRequested;
    }

    void stop() {
        server.stop(0);
    }

    /** Whether the exchange is a POST carrying the control token; if not, it has been answered 405 or 403. */
    private static boolean authorizedPost(HttpExchange exchange, String token) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "");
            return false;
        }
        if (!token.equals(exchange.getRequestHeaders().getFirst(TOKEN_HEADER))) {
            respond(exchange, 403, "");
            return false;
        }
        return true;
    }

    private static String error(String message) {
        return JSON.writeValueAsString(java.util.Map.of("error", message));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
