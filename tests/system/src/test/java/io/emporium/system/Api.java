package io.emporium.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The system's public API, as a client sees it through the gateway. */
final class Api {

    static final String GATEWAY = "http://127.0.0.1:8080";
    static final JsonMapper json = JsonMapper.shared();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Api() {
    }

    static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(GATEWAY + path)).timeout(Duration.ofSeconds(10)).build());
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

    static HttpResponse<String> placeOrder(String key, String customer, String sku, int quantity) {
        String body = "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":"
                + quantity + "}]}";
        return send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/orders")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(BodyPublishers.ofString(body)).build());
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

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, BodyHandlers.ofString());
        }
        catch (Exception ex) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
        }
    }
}
