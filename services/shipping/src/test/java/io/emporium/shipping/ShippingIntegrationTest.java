package io.emporium.shipping;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.emporium.platform.messaging.IncomingMessage;
import io.emporium.platform.messaging.MessageReader;
import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.kafka.CloudEventsClient;
import io.emporium.platform.test.kafka.TestKafka;
import io.emporium.platform.test.security.TestIssuer;
import io.emporium.platform.test.web.TestHttp;
import io.emporium.shipping.api.ShippingMessages;
import io.emporium.shipping.api.ShippingMessages.CancelShipment;
import io.emporium.shipping.api.ShippingMessages.CreateShipment;
import io.emporium.shipping.api.ShippingMessages.Line;
import io.emporium.shipping.api.ShippingMessages.ShipmentCancelled;
import io.emporium.shipping.api.ShippingMessages.ShipmentCreated;
import io.emporium.shipping.api.ShippingMessages.ShipmentRejected;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.emporium.platform.test.kafka.CloudEventRecords.cloudEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service on a real PostgreSQL and a real Kafka broker ({@link TestKafka}): commands in on
 * {@code shipping.commands}, replies out on {@code shipping.shipment-events} through the outbox, the REST API over
 * HTTP with tokens of the {@link TestIssuer} (reads as an administrator unless a test is about who may read).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false", "emporium.messaging.consumer.max-attempts=2",
        "emporium.messaging.consumer.initial-backoff=50ms" })
// closes the context before the JVM exits, so that no listener keeps talking to the broker while it shuts down
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInfrastructure(database = "shipping", kafka = true)
class ShippingIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String DEAD_LETTERS = ShippingMessages.COMMANDS + ".DLT";
    private static final JsonMapper json = JsonMapper.shared();
    private static final TestIssuer issuer = TestIssuer.shared();
    /** Plays the order saga (and an operator watching the dead letters). */
    @RegisterExtension
    static final CloudEventsClient saga = CloudEventsClient.onTestKafka(ShippingMessages.EVENTS, DEAD_LETTERS);

    private final TestHttp http;
    private final MessageReader reader;
    private final String admin = issuer.admin();

    ShippingIntegrationTest(@LocalServerPort int port, MessageReader reader) {
        this.http = new TestHttp(port);
        this.reader = reader;
    }

    @Test
    void createCommandCreatesTheShipmentAndRepliesWithItsIdKeyedByOrder() {
        String order = newOrder();

        saga.send(create(order, "alice", new Line("SKU-000001", 2), new Line("SKU-000002", 1)));

        ConsumerRecord<String, byte[]> reply = awaitReplies(order, 1).getFirst();
        assertThat(reply.key()).isEqualTo(order);
        IncomingMessage<ShipmentCreated> created = reader.read(reply, ShipmentCreated.class);
        assertThat(created.type()).isEqualTo(ShipmentCreated.TYPE);
        assertThat(created.subject()).isEqualTo(order);
        assertThat(created.source()).isEqualTo("shipping");
        assertThat(created.customerId()).isEqualTo("alice");
        JsonNode shipment = ok("/api/shipping/orders/" + order);
        assertThat(created.data()).isEqualTo(new ShipmentCreated(order, shipment.get("shipmentId").asString()));
        assertThat(shipment.propertyNames())
                .containsExactly("shipmentId", "orderId", "customerId", "status", "lines", "createdAt");
        assertThat(shipment.get("status").asString()).isEqualTo("CREATED");
        assertThat(shipment.get("lines").get(0).get("sku").asString()).isEqualTo("SKU-000001");
        assertThat(shipment.get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(Instant.parse(shipment.get("createdAt").asString())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void sameCommandDeliveredTwiceTakesEffectOnceAndIsAnsweredOnce() {
        String order = newOrder();
        ProducerRecord<String, byte[]> create = create(order, "alice", new Line("SKU-000001", 1));

        saga.send(create);
        saga.send(create);
        // a later command on the same key is processed after both deliveries: its reply closes the window
        saga.send(cancel(order));

        assertThat(awaitReplies(order, 2)).extracting(reader::typeOf)
                .containsExactly(ShipmentCreated.TYPE, ShipmentCancelled.TYPE);
        assertThat(ok("/api/shipping/orders/" + order).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void sameCommandSentAgainWithANewMessageIdIsAnsweredTheSameWithoutASecondShipment() {
        String order = newOrder();

        saga.send(create(order, "alice", new Line("SKU-000001", 1)));
        saga.send(create(order, "alice", new Line("SKU-000001", 1)));

        List<ConsumerRecord<String, byte[]>> replies = awaitReplies(order, 2);
        ShipmentCreated first = reader.read(replies.get(0), ShipmentCreated.class).data();
        assertThat(reader.read(replies.get(1), ShipmentCreated.class).data()).isEqualTo(first);
        assertThat(ok("/api/shipping/orders/" + order).get("shipmentId").asString()).isEqualTo(first.shipmentId());
    }

    @Test
    void orderOverTheParcelLimitIsRejected() {
        String order = newOrder();

        saga.send(create(order, "alice", new Line("SKU-000001", 30), new Line("SKU-000002", 21)));

        assertThat(reader.read(awaitReplies(order, 1).getFirst(), ShipmentRejected.class).data())
                .isEqualTo(new ShipmentRejected(order, "exceeds the parcel limit of 50 units"));
        assertThat(ok("/api/shipping/orders/" + order).get("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void unshippableCustomerIsRejected() {
        String order = newOrder();

        saga.send(create(order, "unshippable-carol", new Line("SKU-000001", 1)));

        assertThat(reader.read(awaitReplies(order, 1).getFirst(), ShipmentRejected.class).data())
                .isEqualTo(new ShipmentRejected(order, "no delivery to this address"));
    }

    @Test
    void cancellationBeforeCreationIsAnsweredAndTheLateCreationRejected() {
        String order = newOrder();

        saga.send(cancel(order));
        saga.send(create(order, "alice", new Line("SKU-000001", 1)));

        List<ConsumerRecord<String, byte[]>> replies = awaitReplies(order, 2);
        assertThat(reader.read(replies.get(0), ShipmentCancelled.class).data()).isEqualTo(new ShipmentCancelled(order));
        assertThat(reader.read(replies.get(1), ShipmentRejected.class).data())
                .isEqualTo(new ShipmentRejected(order, "order already cancelled"));
        assertThat(ok("/api/shipping/orders/" + order).get("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void invalidCommandGoesToTheDeadLetterTopicAtOnce() {
        String order = newOrder();

        saga.send(create(order, "alice", new Line("SKU-000001", 0)));

        await().atMost(PATIENCE).until(() -> saga.records(DEAD_LETTERS, order).size() == 1);
        assertThat(saga.records(ShippingMessages.EVENTS, order)).isEmpty();
        assertThat(get("/api/shipping/orders/" + order).statusCode()).isEqualTo(404);
    }

    @Test
    void recordThatIsNoMessageGoesToTheDeadLetterTopic() {
        String order = newOrder();

        saga.send(new ProducerRecord<>(ShippingMessages.COMMANDS, order, "not json".getBytes(StandardCharsets.UTF_8)));

        await().atMost(PATIENCE).until(() -> saga.records(DEAD_LETTERS, order).size() == 1);
    }

    @Test
    void unknownMessageTypesAreSkipped() {
        String order = newOrder();

        saga.send(cloudEvent("orders", ShippingMessages.COMMANDS, order, "shipping.SomethingNew",
                Map.of("orderId", order), newId(), null));
        saga.send(cancel(order));

        assertThat(awaitReplies(order, 1)).extracting(reader::typeOf).containsExactly(ShipmentCancelled.TYPE);
    }

    @Test
    void unknownOrderIsA404ProblemWithTraceId() {
        HttpResponse<String> response = get("/api/shipping/orders/" + newOrder());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).get("traceId").asString()).matches("[0-9a-f]{32}");
    }

    @Test
    void aCustomerSeesTheirOwnShipmentAndAnotherCustomersIsTheSame404AsNone() {
        String order = newOrder();
        String bob = issuer.customer("bob");
        HttpResponse<String> beforeTheShipment = get("/api/shipping/orders/" + order, bob);

        saga.send(create(order, "alice", new Line("SKU-000001", 1)));
        awaitReplies(order, 1);
        HttpResponse<String> ofAlice = get("/api/shipping/orders/" + order, bob);

        assertThat(get("/api/shipping/orders/" + order, issuer.customer("alice")).statusCode()).isEqualTo(200);
        assertThat(beforeTheShipment.statusCode()).isEqualTo(404);
        assertThat(ofAlice.statusCode()).isEqualTo(404);
        assertThat(TestHttp.withoutTraceId(ofAlice)).isEqualTo(TestHttp.withoutTraceId(beforeTheShipment));
    }

    @Test
    void withoutATokenTheAnswerIsA401Problem() {
        HttpResponse<String> response = get("/api/shipping/orders/" + newOrder(), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void readinessNeedsNoTokenButOnlyAnAdminSeesItsComponents() {
        HttpResponse<String> response = get("/actuator/health/readiness", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode anonymous = json.readTree(response.body());
        assertThat(anonymous.propertyNames()).containsExactly("status");
        assertThat(anonymous.get("status").asString()).isEqualTo("UP");

        JsonNode readiness = json.readTree(get("/actuator/health/readiness", issuer.admin()).body());
        assertThat(readiness.get("components").get("db").get("status").asString()).isEqualTo("UP");
    }

    private static ProducerRecord<String, byte[]> create(String order, String customer, Line... lines) {
        return cloudEvent("orders", ShippingMessages.COMMANDS, order, CreateShipment.TYPE,
                new CreateShipment(order, customer, List.of(lines)), newId(), customer);
    }

    private static ProducerRecord<String, byte[]> cancel(String order) {
        return cloudEvent("orders", ShippingMessages.COMMANDS, order, CancelShipment.TYPE,
                new CancelShipment(order, "payment declined"), newId(), null);
    }

    private List<ConsumerRecord<String, byte[]>> awaitReplies(String order, int count) {
        return saga.awaitRecords(ShippingMessages.EVENTS, order, count, PATIENCE);
    }

    private JsonNode ok(String path) {
        return http.ok(path, admin);
    }

    private HttpResponse<String> get(String path) {
        return get(path, admin);
    }

    private HttpResponse<String> get(String path, String token) {
        return http.get(path, token);
    }

    private static String newOrder() {
        return UUID.randomUUID().toString();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
