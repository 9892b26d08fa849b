package io.emporium.orders.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the catalog service, over real HTTP on a random port, answering every request on its own virtual
 * thread. A request without a bearer token is refused (401), like the catalog would. Healthy, every sku costs
 * 10.00 EUR, except {@code SKU-999999}, which is unknown (404). A test scripts faults per sku and attempt with
 * {@link #answer(Behaviour)}, counts the requests that reached it and reads the token of the last one.
 */
public final class StubCatalog {

    /** What the catalog answers to the {@code attempt}-th request (from 1) for a sku. */
    @FunctionalInterface
    public interface Behaviour {
        Reply answer(String sku, int attempt);
    }

    /** One answer: a status (200 carries the product), possibly only after a delay. */
    public record Reply(int status, Duration delay) {

        public static Reply priced() {
            return new Reply(200, Duration.ZERO);
        }

        public static Reply status(int status) {
            return new Reply(status, Duration.ZERO);
        }

        public Reply after(Duration delay) {
            return new Reply(status, delay);
        }
    }

    public static final Behaviour HEALTHY = (sku, attempt) -> sku.equals("SKU-999999") ? Reply.status(404)
            : Reply.priced();

    private final HttpServer server;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicReference<String> lastToken = new AtomicReference<>();
    private volatile Behaviour behaviour = HEALTHY;

    private StubCatalog(HttpServer server) {
        this.server = server;
    }

    public static StubCatalog start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            StubCatalog catalog = new StubCatalog(server);
            server.createContext("/api/catalog/products/sku/", catalog::handle);
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

    /** From now on, answers as the behaviour says. */
    public void answer(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** Healthy again, with no request counted and no token seen. */
    public void reset() {
        behaviour = HEALTHY;
        requests.clear();
        lastToken.set(null);
    }

    public int requestsFor(String sku) {
        AtomicInteger count = requests.get(sku);
        return count == null ? 0 : count.get();
    }

    public int requests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The bearer token of the last request that had one, or null. */
    public String lastToken() {
        return lastToken.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            lastToken.set(authorization.substring("Bearer ".length()));
            String sku = exchange.getRequestURI().getPath().substring("/api/catalog/products/sku/".length());
            int attempt = requests.computeIfAbsent(sku, key -> new AtomicInteger()).incrementAndGet();
            Reply reply = behaviour.answer(sku, attempt);
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay());
            }
            byte[] body = reply.status() == 200
                    ? ("{\"id\":1,\"sku\":\"" + sku + "\",\"name\":\"Thing\",\"price\":{\"amount\":10.00,"
                            + "\"currency\":\"EUR\"},\"category\":\"books\"}").getBytes(StandardCharsets.UTF_8)
                    : ("{\"status\":" + reply.status() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    reply.status() == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (IOException ex) {
            // the caller gave up (timeout) and closed the connection: nothing to answer
        }
    }
}
