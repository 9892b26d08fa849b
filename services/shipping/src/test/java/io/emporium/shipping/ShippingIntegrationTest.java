package io.emporium.shipping;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.emporium.platform.messaging.IncomingMessage;
import io.emporium.platform.messaging.MessageReader;
import io.emporium.platform.test.postgres.PostgresTestDatabase;
import io.emporium.platform.test.security.TestIssuer;
import io.emporium.shipping.api.ShippingMessages;
import io.emporium.shipping.api.ShippingMessages.CancelShipment;
import io.emporium.shipping.api.ShippingMessages.CreateShipment;
import io.emporium.shipping.api.ShippingMessages.Line;
import io.emporium.shipping.api.ShippingMessages.ShipmentCancelled;
import io.emporium.shipping.api.ShippingMessages.ShipmentCreated;
import io.emporium.shipping.api.ShippingMessages.ShipmentRejected;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static io.emporium.platform.test.kafka.CloudEventRecords.cloudEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service on a real PostgreSQL and a real Kafka broker: commands in on {@code shipping.commands}, replies
 * out on {@code shipping.shipment-events} through the outbox, the REST API over HTTP with tokens of the
 * {@link TestIssuer} (reads as an administrator unless a test is about who may read). (spring-kafka-test 4 runs the
 * embedded broker in KRaft mode only.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false", "emporium.messaging.consumer.max-attempts=2",
        "emporium.messaging.consumer.initial-backoff=50ms" })
@EmbeddedKafka(partitions = 3, brokerProperties = "group.initial.rebalance.delay.ms=0",
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
// closes the context (and its broker) before the JVM exits, not in a shutdown hook racing the broker's cleanup
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ShippingIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String DEAD_LETTERS = ShippingMessages.COMMANDS + ".DLT";
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.shared();
    private static final TestIssuer issuer = TestIssuer.shared();
    private static KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.shared("shipping").registerWith(registry);
        issuer.registerWith(registry);
    }

    private final int port;
    private final MessageReader reader;
    private final Recorded recorded;
    private final String admin = issuer.admin();

    ShippingIntegrationTest(@LocalServerPort int port, MessageReader reader, Recorded recorded,
            EmbeddedKafkaBroker broker) {
        this.port = port;
        this.reader = reader;
        this.recorded = recorded;
        synchronized (ShippingIntegrationTest.class) {
            if (producer == null) {
                Map<String, Object> settings = KafkaTestUtils.producerProps(broker);
                settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
                settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
                producer = new KafkaProducer<>(settings);
            }
        }
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    @Test
    void createCommandCreatesTheShipmentAndRepliesWithItsIdKeyedByOrder() {
        String order = newOrder();

        send(create(order, "alice", new Line("SKU-000001", 2), new Line("SKU-000002", 1)));

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

        send(create);
        send(create);
        // a later command on the same key is processed after both deliveries: its reply closes the window
        send(cancel(order));

        assertThat(awaitReplies(order, 2)).extracting(reader::typeOf)
                .containsExactly(ShipmentCreated.TYPE, ShipmentCancelled.TYPE);
        assertThat(ok("/api/shipping/orders/" + order).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void sameCommandSentAgainWithANewMessageIdIsAnsweredTheSameWithoutASecondShipment() {
        String order = newOrder();

        send(create(order, "alice", new Line("SKU-000001", 1)));
        send(create(order, "alice", new Line("SKU-000001", 1)));

        List<ConsumerRecord<String, byte[]>> replies = awaitReplies(order, 2);
        ShipmentCreated first = reader.read(replies.get(0), ShipmentCreated.class).data();
        assertThat(reader.read(replies.get(1), ShipmentCreated.class).data()).isEqualTo(first);
        assertThat(ok("/api/shipping/orders/" + order).get("shipmentId").asString()).isEqualTo(first.shipmentId());
    }

    @Test
    void orderOverTheParcelLimitIsRejected() {
        String order = newOrder();

        send(create(order, "alice", new Line("SKU-000001", 30), new Line("SKU-000002", 21)));

        assertThat(reader.read(awaitReplies(order, 1).getFirst(), ShipmentRejected.class).data())
                .isEqualTo(new ShipmentRejected(order, "exceeds the parcel limit of 50 units"));
        assertThat(ok("/api/shipping/orders/" + order).get("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void unshippableCustomerIsRejected() {
        String order = newOrder();

        send(create(order, "unshippable-carol", new Line("SKU-000001", 1)));

        assertThat(reader.read(awaitReplies(order, 1).getFirst(), ShipmentRejected.class).data())
                .isEqualTo(new ShipmentRejected(order, "no delivery to this address"));
    }

    @Test
    void cancellationBeforeCreationIsAnsweredAndTheLateCreationRejected() {
        String order = newOrder();

        send(cancel(order));
        send(create(order, "alice", new Line("SKU-000001", 1)));

        List<ConsumerRecord<String, byte[]>> replies = awaitReplies(order, 2);
        assertThat(reader.read(replies.get(0), ShipmentCancelled.class).data()).isEqualTo(new ShipmentCancelled(order));
        assertThat(reader.read(replies.get(1), ShipmentRejected.class).data())
                .isEqualTo(new ShipmentRejected(order, "order already cancelled"));
        assertThat(ok("/api/shipping/orders/" + order).get("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void invalidCommandGoesToTheDeadLetterTopicAtOnce() {
        String order = newOrder();

        send(create(order, "alice", new Line("SKU-000001", 0)));

        await().atMost(PATIENCE).until(() -> recorded.on(DEAD_LETTERS, order).size() == 1);
        assertThat(recorded.on(ShippingMessages.EVENTS, order)).isEmpty();
        assertThat(get("/api/shipping/orders/" + order).statusCode()).isEqualTo(404);
    }

    @Test
    void recordThatIsNoMessageGoesToTheDeadLetterTopic() {
        String order = newOrder();

        send(new ProducerRecord<>(ShippingMessages.COMMANDS, order, "not json".getBytes(StandardCharsets.UTF_8)));

        await().atMost(PATIENCE).until(() -> recorded.on(DEAD_LETTERS, order).size() == 1);
    }

    @Test
    void unknownMessageTypesAreSkipped() {
        String order = newOrder();

        send(cloudEvent("orders", ShippingMessages.COMMANDS, order, "shipping.SomethingNew",
                Map.of("orderId", order), newId(), null));
        send(cancel(order));

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

        send(create(order, "alice", new Line("SKU-000001", 1)));
        awaitReplies(order, 1);
        HttpResponse<String> ofAlice = get("/api/shipping/orders/" + order, bob);

        assertThat(get("/api/shipping/orders/" + order, issuer.customer("alice")).statusCode()).isEqualTo(200);
        assertThat(beforeTheShipment.statusCode()).isEqualTo(404);
        assertThat(ofAlice.statusCode()).isEqualTo(404);
        assertThat(withoutTraceId(ofAlice)).isEqualTo(withoutTraceId(beforeTheShipment));
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
        await().atMost(PATIENCE).until(() -> recorded.on(ShippingMessages.EVENTS, order).size() >= count);
        List<ConsumerRecord<String, byte[]>> replies = recorded.on(ShippingMessages.EVENTS, order);
        assertThat(replies).as("replies for order %s", order).hasSize(count);
        return replies;
    }

    private static void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not send " + record, ex);
        }
    }

    private JsonNode ok(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The body of a problem without its trace id, which differs from request to request. */
    private static JsonNode withoutTraceId(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        ObjectNode problem = (ObjectNode) json.readTree(response.body());
        assertThat(problem.remove("traceId")).isNotNull();
        return problem;
    }

    private HttpResponse<String> get(String path) {
        return get(path, admin);
    }

    /** GET with the token as bearer credentials; {@code null}: without credentials. */
    private HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException("GET " + path + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during GET " + path, ex);
        }
    }

    private static String newOrder() {
        return UUID.randomUUID().toString();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Every record on the reply and dead-letter topics, as the saga (or an operator) would see them. */
    static final class Recorded {

        private final ConcurrentLinkedQueue<ConsumerRecord<String, byte[]>> records = new ConcurrentLinkedQueue<>();

        @KafkaListener(topics = { ShippingMessages.EVENTS, DEAD_LETTERS }, groupId = "shipping-test-observer")
        void record(ConsumerRecord<String, byte[]> record) {
            records.add(record);
        }

        List<ConsumerRecord<String, byte[]>> on(String topic, String key) {
            return records.stream().filter(r -> r.topic().equals(topic) && key.equals(r.key())).toList();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Observer {

        @Bean
        Recorded recorded() {
            return new Recorded();
        }
    }
}
