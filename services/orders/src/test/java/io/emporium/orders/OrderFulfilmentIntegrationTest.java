package io.emporium.orders;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.emporium.inventory.api.InventoryMessages;
import io.emporium.orders.support.FakeParticipants;
import io.emporium.orders.support.StubCatalog;
import io.emporium.payments.api.PaymentMessages;
import io.emporium.shipping.api.ShippingMessages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orders service for real (HTTP, PostgreSQL, Kafka), with the participants played by {@link FakeParticipants}
 * and the catalog by {@link StubCatalog}: placement, the saga's happy path and compensations (a failed or timed-out
 * capture among them), deadlines, a commit sent again until answered, idempotency and the read model.
 */
class OrderFulfilmentIntegrationTest extends SagaIntegrationTest {

    @Test
    void anOrderIsPlacedAndConfirmedAfterEveryParticipantAgreed() throws Exception {
        HttpResponse<String> placed = place(UUID.randomUUID().toString(), "alice", "SKU-000001", 2);
        assertThat(placed.statusCode()).isEqualTo(201);
        JsonNode order = json.readTree(placed.body());
        String id = order.get("id").asString();
        assertThat(order.get("status").asString()).isEqualTo("PLACED");
        assertThat(order.at("/total/amount").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(placed.headers().firstValue("Location")).hasValue("/api/orders/" + id);

        JsonNode confirmed = awaitStatus(id, "CONFIRMED");
        assertThat(confirmed.get("timeline")).extracting(entry -> entry.get("status").asString())
                .containsExactly("PLACED", "STOCK_RESERVED", "PAYMENT_AUTHORIZED", "SHIPMENT_SCHEDULED",
                        "PAYMENT_CAPTURED", "CONFIRMED");
        assertThat(confirmed.get("shipmentId").asString()).isEqualTo("ship-" + id);
        // each step waits for the previous one's reply: the stock is committed only after the payment was captured
        assertThat(participants.typesFor(id)).containsExactly(InventoryMessages.ReserveStock.TYPE,
                PaymentMessages.AuthorizePayment.TYPE, ShippingMessages.CreateShipment.TYPE,
                PaymentMessages.CapturePayment.TYPE, InventoryMessages.CommitStock.TYPE);
        assertThat(participants.received()).filteredOn(r -> r.orderId().equals(id))
                .allSatisfy(r -> assertThat(r.customerId()).isEqualTo("alice"));
    }

    @Test
    void releasesStockWhenPaymentIsDeclined() throws Exception {
        participants.answerWith(command -> command instanceof PaymentMessages.AuthorizePayment authorize
                ? List.of(new PaymentMessages.PaymentDeclined(authorize.orderId(), "card declined by issuer"))
                : FakeParticipants.happyPath(command));
        String id = idOf(place(UUID.randomUUID().toString(), "bob", "SKU-000002", 1));

        JsonNode cancelled = awaitStatus(id, "CANCELLED");

        assertThat(cancelled.get("cancelReason").asString()).isEqualTo("payment declined: card declined by issuer");
        await().atMost(Duration.ofSeconds(10)).until(() -> participants.typesFor(id)
                .contains(InventoryMessages.ReleaseStock.TYPE));
        assertThat(participants.typesFor(id)).doesNotContain(PaymentMessages.CapturePayment.TYPE,
                ShippingMessages.CreateShipment.TYPE);
    }

    @Test
    void aParticipantThatNeverAnswersIsTimedOutAndEverythingBeforeItIsCompensated() throws Exception {
        participants.answerWith(command -> command instanceof ShippingMessages.CreateShipment
                ? List.of() : FakeParticipants.happyPath(command));
        String id = idOf(place(UUID.randomUUID().toString(), "carol", "SKU-000003", 1));

        JsonNode cancelled = awaitStatus(id, "CANCELLED");

        assertThat(cancelled.get("cancelReason").asString()).contains("create shipment");
        await().atMost(Duration.ofSeconds(10)).until(() -> participants.typesFor(id).containsAll(List.of(
                ShippingMessages.CancelShipment.TYPE, PaymentMessages.VoidPayment.TYPE, InventoryMessages.ReleaseStock.TYPE)));
        assertThat(participants.typesFor(id)).doesNotContain(PaymentMessages.CapturePayment.TYPE);
    }

    @Test
    void theSameReplyDeliveredTwiceHasOneEffect() throws Exception {
        participants.answerWith(command -> command instanceof InventoryMessages.ReserveStock reserve
                ? List.of(new InventoryMessages.StockReserved(reserve.orderId()),
                        new InventoryMessages.StockReserved(reserve.orderId()))
                : FakeParticipants.happyPath(command));
        String id = idOf(place(UUID.randomUUID().toString(), "dave", "SKU-000004", 1));

        awaitStatus(id, "CONFIRMED");

        assertThat(participants.typesFor(id)).filteredOn(PaymentMessages.AuthorizePayment.TYPE::equals).hasSize(1);
        assertThat(jdbc.sql("select count(*) from order_event where order_id = ? and type = 'StockReserved'")
                .param(UUID.fromString(id)).query(Long.class).single()).isEqualTo(1);
        // the second one came while the saga waited for the payment: set aside, with the reason
        await().atMost(Duration.ofSeconds(30)).until(() -> !deadLetters.about(id).isEmpty());
        assertThat(deadLetters.about(id)).singleElement().satisfies(letter -> {
            assertThat(letter.type()).isEqualTo(InventoryMessages.StockReserved.TYPE);
            assertThat(letter.originalTopic()).isEqualTo(InventoryMessages.EVENTS);
            assertThat(letter.reason()).contains("StockReserved is not what the saga waits for: it waits at "
                    + "'authorize payment'");
        });
    }

    @Test
    void aFailedCaptureCancelsTheOrderAndCompensatesEverythingBeforeItNothingIsCommitted() throws Exception {
        participants.answerWith(command -> command instanceof PaymentMessages.CapturePayment capture
                ? List.of(new PaymentMessages.PaymentCaptureFailed(capture.orderId(), "capture refused by issuer"))
                : FakeParticipants.happyPath(command));
        String id = idOf(place(UUID.randomUUID().toString(), "rita", "SKU-000015", 1));

        JsonNode cancelled = awaitStatus(id, "CANCELLED");

        assertThat(cancelled.get("cancelReason").asString()).isEqualTo("payment capture failed: capture refused by issuer");
        await().atMost(Duration.ofSeconds(10)).until(() -> participants.typesFor(id).containsAll(List.of(
                ShippingMessages.CancelShipment.TYPE, PaymentMessages.VoidPayment.TYPE, InventoryMessages.ReleaseStock.TYPE)));
        assertThat(participants.typesFor(id)).doesNotContain(InventoryMessages.CommitStock.TYPE);
    }

    @Test
    void aCaptureWithoutReplyInTimeCancelsTheOrderAndCompensatesEverythingBeforeIt() throws Exception {
        participants.answerWith(command -> command instanceof PaymentMessages.CapturePayment
                ? List.of() : FakeParticipants.happyPath(command));
        String id = idOf(place(UUID.randomUUID().toString(), "sam", "SKU-000016", 1));

        JsonNode cancelled = awaitStatus(id, "CANCELLED");

        assertThat(cancelled.get("cancelReason").asString()).isEqualTo("no reply to 'capture payment' within 4 s");
        await().atMost(Duration.ofSeconds(10)).until(() -> participants.typesFor(id).containsAll(List.of(
                ShippingMessages.CancelShipment.TYPE, PaymentMessages.VoidPayment.TYPE, InventoryMessages.ReleaseStock.TYPE)));
        assertThat(participants.typesFor(id)).doesNotContain(InventoryMessages.CommitStock.TYPE);
    }

    @Test
    void aCommitWithoutReplyInTimeIsSentAgainUntilAnsweredAndTheOrderIsConfirmedWithoutCompensation()
            throws Exception {
        double retriedBefore = retried();
        Map<String, AtomicInteger> commits = new ConcurrentHashMap<>();
        participants.answerWith(command -> {
            if (command instanceof InventoryMessages.CommitStock commit) {
                // the first commit gets no answer; the second is answered twice (a participant may repeat itself)
                int attempt = commits.computeIfAbsent(commit.orderId(), order -> new AtomicInteger()).incrementAndGet();
                return attempt == 1 ? List.of() : List.of(new InventoryMessages.StockCommitted(commit.orderId()),
                        new InventoryMessages.StockCommitted(commit.orderId()));
            }
            return FakeParticipants.happyPath(command);
        });
        String id = idOf(place(UUID.randomUUID().toString(), "theo", "SKU-000017", 1));

        // charged, waiting for its stock: visible while the commit is retried
        awaitStatus(id, "PAYMENT_CAPTURED");
        JsonNode confirmed = awaitStatus(id, "CONFIRMED");

        assertThat(confirmed.get("timeline")).extracting(entry -> entry.get("status").asString())
                .endsWith("PAYMENT_CAPTURED", "CONFIRMED");
        assertThat(participants.typesFor(id)).filteredOn(InventoryMessages.CommitStock.TYPE::equals).hasSize(2);
        assertThat(participants.typesFor(id)).doesNotContain(ShippingMessages.CancelShipment.TYPE,
                PaymentMessages.VoidPayment.TYPE, InventoryMessages.ReleaseStock.TYPE);
        await().atMost(Duration.ofSeconds(5)).until(() -> retried() == retriedBefore + 1);
        // the second StockCommitted is taken without effect: a later reply the saga refuses is the only dead letter
        await().atMost(Duration.ofSeconds(10)).until(() -> participants.answersFor(id).stream()
                .filter(InventoryMessages.StockCommitted.TYPE::equals).count() == 2);
        participants.send(InventoryMessages.COMMANDS, id, id, new InventoryMessages.StockReserved(id));
        await().atMost(Duration.ofSeconds(30)).until(() -> !deadLetters.about(id).isEmpty());
        assertThat(deadLetters.about(id)).singleElement().satisfies(letter -> {
            assertThat(letter.type()).isEqualTo(InventoryMessages.StockReserved.TYPE);
            assertThat(letter.reason()).contains("came too late: the saga already ended COMPLETED");
        });
        assertThat(jdbc.sql("select count(*) from order_event where order_id = ? and type = 'OrderConfirmed'")
                .param(UUID.fromString(id)).query(Long.class).single()).isEqualTo(1);
    }

    private double retried() {
        var counter = meters.find("emporium.saga.step.retried").tag("definition", "place-order")
                .tag("step", "commit stock").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theSameIdempotencyKeyPlacesOneOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = place(key, "erin", "SKU-000005", 3);
        HttpResponse<String> again = place(key, "erin", "SKU-000005", 3);
        HttpResponse<String> different = place(key, "erin", "SKU-000006", 1);

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(idOf(again)).isEqualTo(idOf(first));
        assertThat(again.headers().firstValue("Idempotency-Replayed")).hasValue("true");
        assertThat(different.statusCode()).isEqualTo(422);
        assertThat(different.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(jdbc.sql("select count(*) from order_summary where customer_id = 'erin'").query(Long.class).single())
                .isLessThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(distinct order_id) from order_event where payload->>'customerId' = 'erin'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aFractionalQuantityIsRefusedNamingTheFieldNotTruncated() throws Exception {
        HttpResponse<String> refused = send(post(UUID.randomUUID().toString(), issuer.customer("fiona"),
                "{\"items\":[{\"sku\":\"SKU-000001\",\"quantity\":1.5}]}"));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(refused.body()).at("/errors/0/field").asString()).isEqualTo("items[0].quantity");
        assertThat(jdbc.sql("select count(*) from order_event where payload->>'customerId' = 'fiona'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void badRequestsAreProblemsAndPlaceNothing() throws Exception {
        assertThat(place(UUID.randomUUID().toString(), "frank", "SKU-999999", 1).statusCode()).isEqualTo(422);
        assertThat(place(UUID.randomUUID().toString(), "frank", "SKU-000001", 0).statusCode()).isEqualTo(400);
        HttpRequest noKey = HttpRequest.newBuilder(uri("/api/orders")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + issuer.customer("frank"))
                .POST(BodyPublishers.ofString(body(null, "SKU-000001", 1))).build();
        assertThat(http.send(noKey, BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        assertThat(get("/api/orders/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(get("/api/orders/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from order_event where payload->>'customerId' = 'frank'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void theReadModelListsACustomersOrdersAndCanBeRebuiltFromTheEvents() throws Exception {
        String first = idOf(place(UUID.randomUUID().toString(), "grace", "SKU-000007", 1));
        String second = idOf(place(UUID.randomUUID().toString(), "grace", "SKU-000008", 2));
        awaitStatus(first, "CONFIRMED");
        awaitStatus(second, "CONFIRMED");
        await().atMost(Duration.ofSeconds(10)).until(() -> json.readTree(get("/api/orders?customer=grace").body())
                .at("/page/totalElements").asLong() == 2);

        assertThat(http.send(rebuild(issuer.customer("grace")), BodyHandlers.discarding()).statusCode()).isEqualTo(403);
        assertThat(http.send(rebuild(issuer.admin()), BodyHandlers.discarding()).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode page = json.readTree(get("/api/orders?customer=grace").body());
            assertThat(page.get("content")).extracting(order -> order.get("status").asString())
                    .containsExactly("CONFIRMED", "CONFIRMED");
        });
    }

    @Test
    void aCustomerSeesOnlyTheirOwnOrdersAndAnotherCustomersOrderDoesNotExistForThem() throws Exception {
        String id = idOf(place(UUID.randomUUID().toString(), "heidi", "SKU-000009", 1));
        HttpResponse<String> unknown = get("/api/orders/" + UUID.randomUUID(), issuer.customer("ivan"));

        HttpResponse<String> someoneElses = get("/api/orders/" + id, issuer.customer("ivan"));

        assertThat(someoneElses.statusCode()).isEqualTo(404).isEqualTo(unknown.statusCode());
        assertThat(json.readTree(someoneElses.body()).get("title"))
                .isEqualTo(json.readTree(unknown.body()).get("title"));
        assertThat(get("/api/orders/" + id, issuer.customer("heidi")).statusCode()).isEqualTo(200);
        assertThat(get("/api/orders/" + id, issuer.admin()).statusCode()).isEqualTo(200);
        assertThat(get("/api/orders?customer=heidi", issuer.customer("ivan")).statusCode()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(10)).until(() -> json.readTree(get("/api/orders", issuer.customer("heidi"))
                .body()).at("/page/totalElements").asLong() == 1);
    }

    @Test
    void onlyAnAdminPlacesAnOrderForSomeoneElse() throws Exception {
        HttpResponse<String> forOther = send(post(UUID.randomUUID().toString(), issuer.customer("judy"),
                body("mallory", "SKU-000010", 1)));
        assertThat(forOther.statusCode()).isEqualTo(403);

        HttpResponse<String> byAdmin = send(post(UUID.randomUUID().toString(), issuer.admin(),
                body("mallory", "SKU-000010", 1)));
        assertThat(byAdmin.statusCode()).isEqualTo(201);
        assertThat(json.readTree(byAdmin.body()).get("customerId").asString()).isEqualTo("mallory");
        assertThat(jdbc.sql("select count(*) from order_event where payload->>'customerId' = 'judy'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void withoutATokenNothingIsReadOrPlaced() throws Exception {
        HttpRequest anonymous = HttpRequest.newBuilder(uri("/api/orders")).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(BodyPublishers.ofString(body("oscar", "SKU-000001", 1))).build();
        assertThat(send(anonymous).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/api/orders?customer=alice")).build()).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from order_event where payload->>'customerId' = 'oscar'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void endedSagasAreCountedAndTimedByOutcome() throws Exception {
        double completedBefore = sagas("completed");
        double compensatedBefore = sagas("compensated");

        awaitStatus(idOf(place(UUID.randomUUID().toString(), "quinn", "SKU-000013", 1)), "CONFIRMED");
        participants.answerWith(command -> command instanceof PaymentMessages.AuthorizePayment authorize
                ? List.of(new PaymentMessages.PaymentDeclined(authorize.orderId(), "card declined by issuer"))
                : FakeParticipants.happyPath(command));
        awaitStatus(idOf(place(UUID.randomUUID().toString(), "quinn", "SKU-000014", 1)), "CANCELLED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(sagas("completed")).isEqualTo(completedBefore + 1);
            assertThat(sagas("compensated")).isEqualTo(compensatedBefore + 1);
        });
        assertThat(meters.get("emporium.saga.duration").tag("outcome", "completed").timer().count()).isPositive();
    }

    private double sagas(String outcome) {
        var counter = meters.find("emporium.saga.completed").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theCatalogIsCalledWithThisServicesOwnNarrowTokenObtainedOnce() throws Exception {
        // the issuer is shared by every test class of this JVM: count only what these two orders cost
        int issuedBefore = issuer.tokensIssuedTo("orders-service");
        awaitStatus(idOf(place(UUID.randomUUID().toString(), "peggy", "SKU-000011", 1)), "CONFIRMED");
        awaitStatus(idOf(place(UUID.randomUUID().toString(), "peggy", "SKU-000012", 1)), "CONFIRMED");

        JWTClaimsSet claims = SignedJWT.parse(catalog.lastToken()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("orders-service");
        assertThat(claims.getAudience()).containsExactly("catalog");
        assertThat(claims.getStringClaim("scope")).isEqualTo("catalog.read");
        assertThat(issuer.tokensIssuedTo("orders-service")).isGreaterThanOrEqualTo(1)
                .isLessThanOrEqualTo(issuedBefore + 1);
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> json.readTree(get("/api/orders/" + id).body()),
                order -> status.equals(order.get("status").asString()));
    }

    /** Places an order as the customer (with their own token; the body names no customer). */
    private HttpResponse<String> place(String key, String customer, String sku, int quantity) throws Exception {
        return send(post(key, issuer.customer(customer), body(null, sku, quantity)));
    }

    private HttpRequest post(String key, String token, String body) {
        return HttpRequest.newBuilder(uri("/api/orders")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .POST(BodyPublishers.ofString(body)).build();
    }

    private HttpRequest rebuild(String token) {
        return HttpRequest.newBuilder(uri("/api/orders/admin/read-model/rebuild"))
                .header("Authorization", "Bearer " + token).POST(BodyPublishers.noBody()).build();
    }

    private static String body(String customer, String sku, int quantity) {
        return "{" + (customer == null ? "" : "\"customerId\":\"" + customer + "\",") + "\"items\":[{\"sku\":\"" + sku
                + "\",\"quantity\":" + quantity + "}]}";
    }

    /** Reads as an admin. */
    private HttpResponse<String> get(String path) throws Exception {
        return get(path, issuer.admin());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, BodyHandlers.ofString());
    }

    private static String idOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asString();
    }
}
