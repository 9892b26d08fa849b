package io.emporium.runner.supervision;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * done, 409 when the system is not ready or the service is still being scaled). Every request must carry the token
 * from {@code var/run/control.token} (readable by the owner only) in the {@value #TOKEN_HEADER} header (403
 * otherwise, compared in constant time), so that neither another user nor a web page posting to localhost can change
 * the system or read its state (ports, pids, failures).
 * <p>
 * A client that opens a connection and sends half a request cannot hold the channel: each request is served on a
 * thread of its own, and the JDK's server closes a connection whose request has not fully arrived within
 * {@value #MAX_REQUEST_SECONDS} s ({@link #SERVER_LIMITS}). Those limits are system properties that the JDK reads
 * once, when the JVM's first HTTP server is created: the supervisor's JVM gets them on its command line
 * ({@link SystemControl#SUPERVISOR_JVM_FLAGS}), and {@link #start} sets any that are missing before it creates its
 * server, for a supervisor started some other way.
 */
final class ControlServer {

    static final String TOKEN_HEADER = "X-Emporium-Token";

    /** Seconds a request (line, headers and body) may take to arrive before its connection is closed. */
    static final int MAX_REQUEST_SECONDS = 5;

    /**
     * The JDK HTTP server's limits for the control channel ({@code sun.net.httpserver.*}, {@code jdk.httpserver.*}):
     * a request must arrive within {@value #MAX_REQUEST_SECONDS} s and its answer be taken within 10 s; a kept-alive
     * connection idle for 10 s is closed; at most 32 headers of 16 KiB in all, and 32 connections at once. The
     * channel's clients (the CLI) send one small request per connection.
     */
    static final Map<String, String> SERVER_LIMITS = Map.of(
            "sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS),
            "sun.net.httpserver.maxRspTime", "10",
            "sun.net.httpserver.idleInterval", "10",
            "sun.net.httpserver.maxReqHeaders", "32",
            "sun.net.httpserver.maxReqHeaderSize", "16384",
            "jdk.httpserver.maxConnections", "32");

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
    private final ExecutorService threads;
    private final CompletableFuture<Void> downRequested = new CompletableFuture<>();

    private ControlServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** The {@link #SERVER_LIMITS} as JVM options ({@code -Dname=value}), for the supervisor's command line. */
    static List<String> jvmFlags() {
        return SERVER_LIMITS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(limit -> "-D" + limit.getKey() + "=" + limit.getValue()).toList();
    }

    static ControlServer start(Supplier<SystemState> state, String token, Scaler scaler) throws IOException {
        SERVER_LIMITS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
        byte[] expected = token.getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("control-", 0).factory());
        server.setExecutor(threads);
        ControlServer control = new ControlServer(server, threads);
        server.createContext("/state", exchange -> {
            if (!authorized(exchange, "GET", expected)) {
                return;
            }
            respond(exchange, 200, StateFile.toJson(state.get()));
        });
        server.createContext("/down", exchange -> {
            if (!authorized(exchange, "POST", expected)) {
                return;
            }
            respond(exchange, 202, "{\"stopping\":true}");
            control.downRequested.complete(null);
        });
        server.createContext("/scale", exchange -> {
            if (!authorized(exchange, "POST", expected)) {
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
                respond(exchange, 202, JSON.writeValueAsString(change));
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
        threads.shutdownNow();
    }

    /**
     * Whether the exchange uses {@code method} and carries the control token; if not, it has been answered 405 or
     * 403. The token is compared in constant time (its length, the only thing the time may depend on, is no secret).
     */
    private static boolean authorized(HttpExchange exchange, String method, byte[] expected) throws IOException {
        if (!method.equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "");
            return false;
        }
        String presented = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (presented == null || expected.length == 0
                || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            respond(exchange, 403, "");
            return false;
        }
        return true;
    }

    private static String error(String message) {
        return JSON.writeValueAsString(Map.of("error", message));
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
