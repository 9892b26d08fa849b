package io.emporium.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The system's public API, as a client sees it through the gateway, with real access tokens: each demo user logs in
 * at the identity service through {@code ./emporium token} (authorization code + PKCE). Reads default to the admin, who
 * may see everything; orders of the demo customers are placed with their own tokens, orders of any other customer
 * name by the admin on that customer's behalf.
 */
final class Api {

    static final String GATEWAY = "http://127.0.0.1:8080";
    static final String IDENTITY = "http://127.0.0.1:9000";
    /** The demo users identity seeds in the local system (DEV ONLY passwords {@code <user>-dev-only}). */
    static final List<String> DEMO_USERS = List.of("alice", "bob", "admin");
    /**
     * HTTP Basic of the registry's read-only login the runner uses (DEV ONLY: {@code runner-registry-dev-only}, from
     * emporium.yaml's convention); the registry answers nobody without a login.
     */
    static final String REGISTRY_READER = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("runner:runner-registry-dev-only".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    static final JsonMapper json = JsonMapper.shared();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Login(String accessToken, Instant obtained) {
    }

    private static final Map<String, Login> logins = new ConcurrentHashMap<>();
    /** Every access token this run obtained: none may ever appear in a log file. */
    static final Set<String> ISSUED_TOKENS = ConcurrentHashMap.newKeySet();

    private Api() {
    }

    /** A valid access token of a demo user, logging in again when the last one is older than 3 of its 5 minutes. */
    static String token(String user) {
        return logins.compute(user, (name, login) -> login != null
                && login.obtained().isAfter(Instant.now().minus(Duration.ofMinutes(3))) ? login : freshLogin(name))
                .accessToken();
    }

    /** A new login, never cached. */
    static String newToken(String user) {
        return freshLogin(user).accessToken();
    }

    private static Login freshLogin(String user) {
        String token = Emporium.token(user);
        ISSUED_TOKENS.add(token);
        return new Login(token, Instant.now());
    }

    /** GET through the gateway as the admin. */
    static HttpResponse<String> get(String path) {
        return get(path, token("admin"));
    }

    /** GET through the gateway with this token (null: without one). */
    static HttpResponse<String> get(String path, String token) {
        return send(authorized(HttpRequest.newBuilder(URI.create(GATEWAY + path)), token)
                .timeout(Duration.ofSeconds(10)).build());
    }

    static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    static JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** POST /api/orders with a fresh idempotency key. */
    static HttpResponse<String> placeOrder(String customer, String sku, int quantity) {
        return placeOrder(UUID.randomUUID().toString(), customer, sku, quantity);
    }

    /** A demo customer orders with their own token; for any other customer name the admin orders on their behalf. */
    static HttpResponse<String> placeOrder(String key, String customer, String sku, int quantity) {
        boolean demoUser = DEMO_USERS.contains(customer);
        String body = "{" + (demoUser ? "" : "\"customerId\":\"" + customer + "\",") + "\"items\":[{\"sku\":\"" + sku
                + "\",\"quantity\":" + quantity + "}]}";
        return placeOrder(key, token(demoUser ? customer : "admin"), body);
    }

    static HttpResponse<String> placeOrder(String key, String token, String body) {
        return send(authorized(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/orders")), token)
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(BodyPublishers.ofString(body)).build());
    }

    static String idOf(HttpResponse<String> placed) {
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return json.readTree(placed.body()).get("id").asString();
    }

    /** Waits until the order is CONFIRMED or CANCELLED, and returns it. */
    static JsonNode awaitFinal(String orderId, Duration within) {
        return await().atMost(within).pollInterval(Duration.ofMillis(200))
                .until(() -> getJson("/api/orders/" + orderId), order -> {
                    String status = order.get("status").asString();
                    return status.equals("CONFIRMED") || status.equals("CANCELLED");
                });
    }

    /** available, reserved, shipped of a sku. */
    static long[] stock(String sku) {
        JsonNode stock = getJson("/api/inventory/stock/" + sku);
        return new long[] { stock.get("available").asLong(), stock.get("reserved").asLong(),
                stock.get("shipped").asLong() };
    }

    /** Waits until the customer's notifications for the order are recorded; returns their kinds. */
    static java.util.List<String> awaitNotified(String orderId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            java.util.List<String> kinds = new java.util.ArrayList<>();
            getJson("/api/notifications?order=" + orderId).forEach(n -> kinds.add(n.get("kind").asString()));
            return kinds;
        }, kinds -> kinds.size() >= 2);
    }

    /** Waits until the compensations are through: the sku's stock is back to {@code expected}. */
    static void awaitStock(String sku, long[] expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(stock(sku)).containsExactly(expected));
    }

    /** Waits until no unit of the sku is reserved (every saga touching it finished), and returns its stock. */
    static long[] awaitNoReservation(String sku) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> stock(sku), stock -> stock[1] == 0);
    }

    static void awaitPaymentStatus(String orderId, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(getJson("/api/payments/orders/" + orderId).get("status").asString()).isEqualTo(status));
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, BodyHandlers.ofString());
        }
        catch (Exception ex) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
        }
    }
}
