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

/**
 * The supervisor's control channel, on 127.0.0.1 and a free port recorded in the state file:
 * {@code GET /state} returns the {@link SystemState} as JSON; {@code POST /down} asks for an orderly stop (202). The
 * stop request must carry the token from {@code var/run/control.token} (readable by the owner only) in the
 * {@value #TOKEN_HEADER} header, so that neither another user nor a web page posting to localhost can stop the system.
 */
final class ControlServer {

    static final String TOKEN_HEADER = "X-Emporium-Token";

    private final HttpServer server;
    private final CompletableFuture<Void> downRequested = new CompletableFuture<>();

    private ControlServer(HttpServer server) {
        this.server = server;
    }

    static ControlServer start(Supplier<SystemState> state, String token) throws IOException {
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
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "");
                return;
            }
            if (!token.equals(exchange.getRequestHeaders().getFirst(TOKEN_HEADER))) {
                respond(exchange, 403, "");
                return;
            }
            respond(exchange, 202, "{\"stopping\":true}");
            control.downRequested.complete(null);
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

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
