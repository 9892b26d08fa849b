package io.emporium.orders.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the catalog service: every sku {@code SKU-000001} ... {@code SKU-001200} costs 10.00 EUR, any other
 * sku is unknown (404), a request without a bearer token is refused (401). Registered with the orders service through simple discovery, under the name "catalog".
 */
public final class StubCatalog {

    private final HttpServer server;
    private final AtomicReference<String> lastToken = new AtomicReference<>();

    private StubCatalog(HttpServer server) {
        this.server = server;
    }

    /** The bearer token of the last request (the stub refuses requests without one, like the catalog would). */
    public String lastToken() {
        return lastToken.get();
    }

    public static StubCatalog start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StubCatalog catalog = new StubCatalog(server);
            server.createContext("/api/catalog/products/sku/", catalog::answer);
            server.start();
            return catalog;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        lastToken.set(authorization.substring("Bearer ".length()));
        String sku = exchange.getRequestURI().getPath().substring("/api/catalog/products/sku/".length());
        boolean known = sku.matches("SKU-0(0[0-9]{4}|01[01][0-9]{2}|01200)") && !sku.equals("SKU-000000");
        byte[] body = known
                ? ("{\"id\":1,\"sku\":\"" + sku + "\",\"name\":\"Thing\",\"price\":{\"amount\":10.00,\"currency\":\"EUR\"},"
                        + "\"category\":\"books\"}").getBytes(StandardCharsets.UTF_8)
                : "{\"status\":404}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", known ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(known ? 200 : 404, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
