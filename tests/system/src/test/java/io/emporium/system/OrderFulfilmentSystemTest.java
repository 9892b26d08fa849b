package io.emporium.system;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.emporium.system.Api.awaitFinal;
import static io.emporium.system.Api.get;
import static io.emporium.system.Api.getJson;
import static io.emporium.system.Api.idOf;
import static io.emporium.system.Api.placeOrder;
import static io.emporium.system.Api.stock;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Order fulfilment across the real services (orders, inventory, payments, shipping, notifications), over real
 * Kafka and PostgreSQL, through the gateway: the saga's outcomes, its compensations, and what survives a broker
 * pause and a participant killed mid-saga. Stock is compared before and after (the database persists across runs).
 */
@Order(2)
@ExtendWith(RunningSystem.class)
class OrderFulfilmentSystemTest {

    static final Duration SAGA = Duration.ofSeconds(60);

    @Test
    void aPlacedOrderIsConfirmedStockShippedPaymentCapturedShipmentCreatedCustomerNotified() {
        String sku = "SKU-000101";
        long[] before = stock(sku);

        String id = idOf(placeOrder("alice", sku, 2));
        JsonNode order = awaitFinal(id, SAGA);

        assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");
        long[] after = stock(sku);
        assertThat(after[0]).isEqualTo(before[0] - 2);
        assertThat(after[2]).isEqualTo(before[2] + 2);
        assertThat(after[1]).isEqualTo(before[1]);
        assertThat(getJson("/api/payments/orders/" + id).get("status").asString()).isEqualTo("CAPTURED");
        assertThat(getJson("/api/shipping/orders/" + id).get("status").asString()).isEqualTo("CREATED");
        assertThat(Api.awaitNotified(id)).contains("ORDER_CONFIRMED");
    }

    @Test
    void anOutOfStockOrderIsCancelledWithNothingReservedAndNoPayment() {
        String soldOut = "SKU-001200";
        long[] before = stock(soldOut);

        String id = idOf(placeOrder("alice", soldOut, 1));
        assertCancelled(awaitFinal(id, SAGA), "out of stock");
        assertThat(stock(soldOut)).containsExactly(before);
        assertThat(get("/api/payments/orders/" + id).statusCode()).isEqualTo(404);
        assertThat(Api.awaitNotified(id)).contains("ORDER_CANCELLED");
    }

    @Test
    void aDeclinedPaymentCancelsTheOrderAndReleasesTheStock() {
        String sku = "SKU-000102";
        long[] before = stock(sku);

        String id = idOf(placeOrder("decline-bob", sku, 3));
        assertCancelled(awaitFinal(id, SAGA), "payment declined");
        Api.awaitStock(sku, before);
        assertThat(getJson("/api/payments/orders/" + id).get("status").asString()).isEqualTo("DECLINED");
    }

    @Test
    void aShippingFailureVoidsThePaymentAndReleasesTheStock() {
        String sku = "SKU-000103";
        long[] before = stock(sku);

        String id = idOf(placeOrder("carol", sku, 51));
        assertCancelled(awaitFinal(id, SAGA), "shipment rejected");
        Api.awaitStock(sku, before);
        Api.awaitPaymentStatus(id, "VOIDED");
        assertThat(getJson("/api/shipping/orders/" + id).get("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void aRefusedCaptureCancelsTheShipmentVoidsThePaymentAndReleasesTheStock() {
        String sku = "SKU-000105";
        long[] before = stock(sku);

        String id = idOf(placeOrder("nocapture-nina", sku, 2));
        JsonNode order = awaitFinal(id, SAGA);

        assertCancelled(order, "payment capture failed");
        assertThat(order.get("cancelReason").asString()).isEqualTo("payment capture failed: capture refused by issuer");
        Api.awaitStock(sku, before);
        Api.awaitPaymentStatus(id, "VOIDED");
        assertThat(getJson("/api/shipping/orders/" + id).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(Api.awaitNotified(id)).contains("ORDER_CANCELLED");
    }

    @Test
    void theSameIdempotencyKeyTwicePlacesOneOrder() {
        String key = java.util.UUID.randomUUID().toString();
        HttpResponse<String> first = placeOrder(key, "dave", "SKU-000104", 1);
        HttpResponse<String> second = placeOrder(key, "dave", "SKU-000104", 1);
        HttpResponse<String> otherBody = placeOrder(key, "dave", "SKU-000104", 2);

        assertThat(idOf(second)).isEqualTo(idOf(first));
        assertThat(otherBody.statusCode()).isEqualTo(422);
        assertThat(awaitFinal(idOf(first), SAGA).get("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void ordersPlacedWhileKafkaIsFrozenCompleteOnceItIsBack() throws Exception {
        long kafka = Emporium.pidOf("kafka");
        List<String> ids = new ArrayList<>();
        Emporium.signal(kafka, "STOP");
        try {
            ids.addAll(placeOrders("erin", "SKU-00011", 8));
            Thread.sleep(Duration.ofSeconds(8)); // the outage itself, not a wait for a condition
        }
        finally {
            Emporium.signal(kafka, "CONT");
        }
        for (String id : ids) {
            assertThat(awaitFinal(id, Duration.ofSeconds(120)).get("status").asString()).as(id).isEqualTo("CONFIRMED");
        }
    }

    @Test
    void ordersPlacedWhileKafkaIsDownCompleteOnceTheRunnerHasRestartedIt() throws Exception {
        long kafka = Emporium.pidOf("kafka");
        Emporium.signal(kafka, "KILL");
        List<String> ids = placeOrders("gina", "SKU-00014", 8);
        for (String id : ids) {
            assertThat(awaitFinal(id, Duration.ofSeconds(180)).get("status").asString()).as(id).isEqualTo("CONFIRMED");
        }
        assertThat(Emporium.pidOf("kafka")).as("the runner restarted the broker").isNotEqualTo(kafka);
    }

    @Test
    void aParticipantKilledMidSagaIsRestartedAndEveryOrderEndsConsistently() throws Exception {
        List<String> ids = placeOrders("frank", "SKU-00012", 10);
        Emporium.signal(Emporium.pidOf("payments#1"), "KILL");
        ids.addAll(placeOrders("frank", "SKU-00013", 5));
        for (String id : ids) {
            JsonNode order = awaitFinal(id, Duration.ofSeconds(180));
            assertConsistent(order);
        }
        assertThat(Emporium.run(Duration.ofSeconds(30), "status").output()).containsPattern("payments#1\\s+\\d+");
    }

    @Test
    void aBurstOfConcurrentOrdersWithRandomFailuresKeepsStockAndPaymentsConsistent() throws Exception {
        List<String> skus = List.of("SKU-000201", "SKU-000202", "SKU-000203", "SKU-000204", "SKU-000205",
                "SKU-001199");
        Map<String, Long> totals = new HashMap<>();
        Map<String, Long> shippedBefore = new HashMap<>();
        for (String sku : skus) {
            long[] s = stock(sku);
            totals.put(sku, s[0] + s[1] + s[2]);
            shippedBefore.put(sku, s[2]);
        }
        List<String> customers = List.of("gina", "henry", "decline-ivan", "unshippable-jack", "kate", "leo");
        List<Future<HttpResponse<String>>> placed = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 60; i++) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String customer = customers.get(random.nextInt(customers.size()));
                String sku = skus.get(random.nextInt(skus.size()));
                int quantity = 1 + random.nextInt(3);
                placed.add(clients.submit(() -> placeOrder(customer, sku, quantity)));
            }
        }
        Map<String, Long> confirmedUnits = new HashMap<>();
        for (Future<HttpResponse<String>> response : placed) {
            JsonNode order = awaitFinal(idOf(response.get()), Duration.ofSeconds(120));
            assertConsistent(order);
            if (order.get("status").asString().equals("CONFIRMED")) {
                JsonNode line = order.get("items").get(0);
                confirmedUnits.merge(line.get("sku").asString(), line.get("quantity").asLong(), Long::sum);
            }
        }
        for (String sku : skus) {
            long[] after = Api.awaitNoReservation(sku);
            assertThat(after[0] + after[1] + after[2]).as("units of " + sku).isEqualTo(totals.get(sku));
            assertThat(after[2] - shippedBefore.get(sku)).as("shipped " + sku)
                    .isEqualTo(confirmedUnits.getOrDefault(sku, 0L));
        }
    }

    /** Asserts that the saga cancelled the order for a reason that starts with {@code reason}. */
    private static void assertCancelled(JsonNode order, String reason) {
        assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.get("cancelReason").asString()).startsWith(reason);
    }

    /** Places {@code count} orders of one unit each, of the SKUs {@code skuPrefix + 0} and on; returns their ids. */
    private static List<String> placeOrders(String customer, String skuPrefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(idOf(placeOrder(customer, skuPrefix + i, 1)));
        }
        return ids;
    }

    /**
     * A confirmed order's payment is captured; a cancelled order is never left charged (a capture that overtook the
     * saga's deadline is refunded by the void).
     */
    private static void assertConsistent(JsonNode order) {
        String id = order.get("id").asString();
        String status = order.get("status").asString();
        if (status.equals("CONFIRMED")) {
            Api.awaitPaymentStatus(id, "CAPTURED");
        }
        else {
            assertThat(status).isEqualTo("CANCELLED");
            HttpResponse<String> payment = get("/api/payments/orders/" + id);
            if (payment.statusCode() == 200) {
                assertThat(Api.json.readTree(payment.body()).get("status").asString()).as(id)
                        .isNotEqualTo("CAPTURED");
            }
        }
    }
}
