package io.emporium.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a downstream service whose behaviour a test scripts per request: answer with a status and body,
 * after a delay, hang, or drop the connection. Records {@code METHOD path} of every request except the gateway's
 * health checks ({@code /actuator/health/**}), which it answers 200, or 503 once {@link #notReady()}. Each request
 * is served on its own (virtual) thread, so a hanging request does not hold up the others.
 */
public final class ScriptedService implements Downstreams.Instance {

    /** What the service does with the n-th request (1-based) it receives. */
    @FunctionalInterface
    public interface Script {

        void serve(HttpExchange exchange, int n) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Script script = ok("{}");
    private volatile boolean ready = true;

    private ScriptedService(HttpServer server) {
        this.server = server;
    }

    public static ScriptedService start() {
        try {
            ScriptedService service = new ScriptedService(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            service.server.setExecutor(service.threads);
            service.server.createContext("/actuator/health", exchange -> {
                exchange.sendResponseHeaders(service.ready ? 200 : 503, -1);
                exchange.close();
            });
            service.server.createContext("/", service::serve);
            service.server.start();
            return service;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Scripts every following request, and forgets the requests received so far. */
    public ScriptedService script(Script script) {
        this.script = script;
        this.received.clear();
        this.count.set(0);
        this.ready = true;
        return this;
    }

    public void notReady() {
        this.ready = false;
    }

    @Override
    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code METHOD path} of each request received since the last {@link #script}. */
    public List<String> received() {
        return List.copyOf(received);
    }

    public int requests() {
        return received.size();
    }

    /** Stops listening at once; requests hanging in it are let go. */
    @Override
    public void stop() {
        stopped.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        int n = count.incrementAndGet();
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            script.serve(exchange, n);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    public static Script ok(String json) {
        return status(200, json);
    }

    public static Script status(int status, String json) {
        return (exchange, n) -> respond(exchange, status, json);
    }

    /** Answers like {@code then}, but only after {@code delay} (or once the service is stopped). */
    public Script after(Duration delay, Script then) {
        return (exchange, n) -> {
            if (!stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                then.serve(exchange, n);
            }
        };
    }

    /** Never answers (until the service is stopped). */
    public Script hang() {
        return (exchange, n) -> stopped.await();
    }

    /** Closes the connection without answering. */
    public static Script drop() {
        return (exchange, n) -> exchange.getHttpContext().getServer(); // closing the exchange unanswered drops it
    }

    /** The first {@code times} requests are served by {@code first}, the rest by {@code then}. */
    public static Script firstTimes(int times, Script first, Script then) {
        return (exchange, n) -> (n <= times ? first : then).serve(exchange, n);
    }

    public static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                status >= 400 && json.contains("\"status\"") ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    public static Duration seconds(double seconds) {
        return Duration.ofMillis((long) (seconds * 1000));
    }
}
