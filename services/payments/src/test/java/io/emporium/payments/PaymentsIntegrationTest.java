package io.emporium.payments;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.emporium.payments.api.PaymentMessages;
import io.emporium.payments.api.PaymentMessages.AuthorizePayment;
import io.emporium.payments.api.PaymentMessages.CapturePayment;
import io.emporium.payments.api.PaymentMessages.PaymentAuthorized;
import io.emporium.payments.api.PaymentMessages.PaymentCaptureFailed;
import io.emporium.payments.api.PaymentMessages.PaymentCaptured;
import io.emporium.payments.api.PaymentMessages.PaymentDeclined;
import io.emporium.payments.api.PaymentMessages.PaymentVoided;
import io.emporium.payments.api.PaymentMessages.VoidPayment;
import io.emporium.payments.payment.application.IdempotencyKey;
import io.emporium.payments.payment.application.PaymentProvider;
import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.platform.messaging.IncomingMessage;
import io.emporium.platform.messaging.MessageReader;
import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.kafka.CloudEventsClient;
import io.emporium.platform.test.kafka.TestKafka;
import io.emporium.platform.test.security.TestIssuer;
import io.emporium.platform.test.web.TestHttp;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.emporium.platform.test.kafka.CloudEventRecords.cloudEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service on a real PostgreSQL and a real Kafka broker ({@link TestKafka}): commands in on
 * {@code payments.commands}, replies out on {@code payments.payment-events} through the outbox, the REST API over HTTP
 * with tokens of the {@link TestIssuer} (reads as an administrator unless a test is about who may read).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false", "emporium.messaging.consumer.max-attempts=2",
        "emporium.messaging.consumer.initial-backoff=50ms" })
// closes the context before the JVM exits, so that no listener keeps talking to the broker while it shuts down
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInfrastructure(database = "payments", kafka = true)
class PaymentsIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String DEAD_LETTERS = PaymentMessages.COMMANDS + ".DLT";
    private static final JsonMapper json = JsonMapper.shared();
    private static final TestIssuer issuer = TestIssuer.shared();
    /** Plays the order saga (and an operator watching the dead letters). */
    @RegisterExtension
    static final CloudEventsClient saga = CloudEventsClient.onTestKafka(PaymentMessages.EVENTS, DEAD_LETTERS);

    private final TestHttp http;
    private final MessageReader reader;
    private final CrashAfterTheProvider crashes;
    private final JdbcClient jdbc;
    private final String admin = issuer.admin();

    PaymentsIntegrationTest(@LocalServerPort int port, MessageReader reader, CrashAfterTheProvider crashes,
            JdbcClient jdbc) {
        this.http = new TestHttp(port);
        this.reader = reader;
        this.crashes = crashes;
        this.jdbc = jdbc;
    }

    @Test
    void authorizeCommandAuthorizesAndRepliesWithThePaymentIdKeyedByOrder() {
        String order = newOrder();

        saga.send(authorize(order, "alice", new BigDecimal("49.90"), "EUR"));

        ConsumerRecord<String, byte[]> reply = awaitReplies(order, 1).getFirst();
        assertThat(reply.key()).isEqualTo(order);
        IncomingMessage<PaymentAuthorized> authorized = reader.read(reply, PaymentAuthorized.class);
        assertThat(authorized.type()).isEqualTo(PaymentAuthorized.TYPE);
        assertThat(authorized.subject()).isEqualTo(order);
        assertThat(authorized.source()).isEqualTo("payments");
        assertThat(authorized.customerId()).isEqualTo("alice");
        JsonNode payment = ok("/api/payments/orders/" + order);
        assertThat(authorized.data()).isEqualTo(new PaymentAuthorized(order, payment.get("paymentId").asString()));
        assertThat(payment.get("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(payment.get("amount").get("amount").decimalValue()).isEqualByComparingTo("49.90");
    }

    @Test
    void sameCommandDeliveredTwiceTakesEffectOnceAndIsAnsweredOnce() {
        String order = newOrder();
        ProducerRecord<String, byte[]> authorize = authorize(order, "alice", BigDecimal.TEN, "EUR");

        saga.send(authorize);
        saga.send(authorize);
        // a later command on the same key is processed after both deliveries: its reply closes the window
        saga.send(capture(order));

        List<ConsumerRecord<String, byte[]>> replies = awaitReplies(order, 2);
        assertThat(replies).extracting(reader::typeOf).containsExactly(PaymentAuthorized.TYPE, PaymentCaptured.TYPE);
        assertThat(ok("/api/payments/orders/" + order).get("history")).hasSize(2);
    }

    @Test
    void sameCommandSentAgainWithANewMessageIdIsAnsweredTheSameWithoutASecondPayment() {
        String order = newOrder();

        saga.send(authorize(order, "alice", BigDecimal.TEN, "EUR"));
        saga.send(authorize(order, "alice", BigDecimal.TEN, "EUR"));

        List<ConsumerRecord<String, byte[]>> replies = awaitReplies(order, 2);
        PaymentAuthorized first = reader.read(replies.get(0), PaymentAuthorized.class).data();
        PaymentAuthorized second = reader.read(replies.get(1), PaymentAuthorized.class).data();
        assertThat(second).isEqualTo(first);
        assertThat(ok("/api/payments/orders/" + order).get("paymentId").asString()).isEqualTo(first.paymentId());
    }

    @Test
    void customerMarkedToDeclineIsDeclinedByIssuer() {
        String order = newOrder();

        saga.send(authorize(order, "decline-bob", BigDecimal.TEN, "EUR"));

        assertThat(reader.read(awaitReplies(order, 1).getFirst(), PaymentDeclined.class).data())
                .isEqualTo(new PaymentDeclined(order, "card declined by issuer"));
        assertThat(ok("/api/payments/orders/" + order).get("status").asString()).isEqualTo("DECLINED");
    }

    @Test
    void amountAboveTheLimitIsDeclined() {
        String order = newOrder();

        saga.send(authorize(order, "alice", new BigDecimal("5000.01"), "USD"));

        assertThat(reader.read(awaitReplies(order, 1).getFirst(), PaymentDeclined.class).data())
                .isEqualTo(new PaymentDeclined(order, "amount exceeds the limit of 5000.00"));
    }

    @Test
    void voidBeforeAuthorizationIsAnsweredAndTheLateAuthorizationDeclined() {
        String order = newOrder();

        saga.send(voidPayment(order, "saga timed out"));
        saga.send(authorize(order, "alice", BigDecimal.TEN, "EUR"));

        List<ConsumerRecord<String, byte[]>> replies = awaitReplies(order, 2);
        assertThat(reader.read(replies.get(0), PaymentVoided.class).data()).isEqualTo(new PaymentVoided(order));
        assertThat(reader.read(replies.get(1), PaymentDeclined.class).data())
                .isEqualTo(new PaymentDeclined(order, "order already cancelled"));
        assertThat(ok("/api/payments/orders/" + order).get("status").asString()).isEqualTo("DECLINED");
    }

    @Test
    void voidedPaymentIsNeverCaptured() {
        String order = newOrder();

        saga.send(authorize(order, "alice", BigDecimal.TEN, "EUR"));
        saga.send(voidPayment(order, "shipping rejected"));
        saga.send(capture(order));

        List<ConsumerRecord<String, byte[]>> replies = awaitReplies(order, 3);
        assertThat(replies).extracting(reader::typeOf)
                .containsExactly(PaymentAuthorized.TYPE, PaymentVoided.TYPE, PaymentCaptureFailed.TYPE);
        assertThat(reader.read(replies.get(2), PaymentCaptureFailed.class).data().reason())
                .isEqualTo("nothing captured: the payment is VOIDED");
        assertThat(ok("/api/payments/orders/" + order).get("status").asString()).isEqualTo("VOIDED");
    }

    @Test
    void capturedPaymentCanBeRefundedByTheAdminOnce() {
        String order = newOrder();
        saga.send(authorize(order, "alice", BigDecimal.TEN, "EUR"));
        saga.send(capture(order));
        PaymentCaptured captured = reader.read(awaitReplies(order, 2).get(1), PaymentCaptured.class).data();

        HttpResponse<String> refund = http.post("/api/payments/" + captured.paymentId() + "/refund", admin);
        HttpResponse<String> again = http.post("/api/payments/" + captured.paymentId() + "/refund", admin);

        assertThat(refund.statusCode()).isEqualTo(200);
        assertThat(json.readTree(refund.body()).get("status").asString()).isEqualTo("REFUNDED");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(again.body()).get("traceId").asString()).matches("[0-9a-f]{32}");
    }

    @Test
    void onlyAnAdminMayRefundAndOnlyWithAToken() {
        String order = newOrder();
        saga.send(authorize(order, "alice", BigDecimal.TEN, "EUR"));
        saga.send(capture(order));
        PaymentCaptured captured = reader.read(awaitReplies(order, 2).get(1), PaymentCaptured.class).data();

        HttpResponse<String> byTheCustomer = http.post("/api/payments/" + captured.paymentId() + "/refund",
                issuer.customer("alice"));
        HttpResponse<String> withoutToken = http.post("/api/payments/" + captured.paymentId() + "/refund", null);

        assertThat(byTheCustomer.statusCode()).isEqualTo(403);
        assertThat(byTheCustomer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(withoutToken.statusCode()).isEqualTo(401);
        assertThat(withoutToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(ok("/api/payments/orders/" + order).get("status").asString()).isEqualTo("CAPTURED");
    }

    @Test
    void aCustomerSeesTheirOwnPaymentAndAnotherCustomersIsTheSame404AsNone() {
        String order = newOrder();
        String bob = issuer.customer("bob");
        HttpResponse<String> beforeThePayment = get("/api/payments/orders/" + order, bob);

        saga.send(authorize(order, "alice", BigDecimal.TEN, "EUR"));
        awaitReplies(order, 1);
        HttpResponse<String> ofAlice = get("/api/payments/orders/" + order, bob);

        assertThat(get("/api/payments/orders/" + order, issuer.customer("alice")).statusCode()).isEqualTo(200);
        assertThat(beforeThePayment.statusCode()).isEqualTo(404);
        assertThat(ofAlice.statusCode()).isEqualTo(404);
        assertThat(TestHttp.withoutTraceId(ofAlice)).isEqualTo(TestHttp.withoutTraceId(beforeThePayment));
        assertThat(get("/api/payments/orders/" + order, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aCaptureTheProviderRefusesIsAnsweredCaptureFailedAndTheHoldStaysUntilVoided() {
        String order = newOrder();

        saga.send(authorize(order, "nocapture-carl", BigDecimal.TEN, "EUR"));
        saga.send(capture(order));
        List<ConsumerRecord<String, byte[]>> replies = awaitReplies(order, 2);

        assertThat(reader.read(replies.get(1), PaymentCaptureFailed.class).data())
                .isEqualTo(new PaymentCaptureFailed(order, "capture refused by issuer"));
        assertThat(ok("/api/payments/orders/" + order).get("status").asString()).isEqualTo("AUTHORIZED");
        saga.send(voidPayment(order, "payment capture failed: capture refused by issuer"));
        assertThat(awaitReplies(order, 3)).extracting(reader::typeOf).last().isEqualTo(PaymentVoided.TYPE);
        assertThat(ok("/api/payments/orders/" + order).get("status").asString()).isEqualTo("VOIDED");
        assertThat(ledger(order)).containsExactly("AUTHORIZE APPROVED", "CAPTURE DECLINED", "VOID APPROVED");
    }

    @Test
    void anAuthorizationRedeliveredAfterACrashBehindTheProviderPlacesOneHold() {
        String order = newOrder();
        String customer = CrashAfterTheProvider.CUSTOMERS + "dora";

        saga.send(authorize(order, customer, new BigDecimal("49.90"), "EUR"));
        PaymentAuthorized authorized = reader.read(awaitReplies(order, 1).getFirst(), PaymentAuthorized.class).data();

        // the provider was asked twice: the first answer was lost with the rolled-back transaction
        assertThat(crashes.authorizations(order)).isEqualTo(2);
        assertThat(ledger(order)).containsExactly("AUTHORIZE APPROVED");
        JsonNode payment = ok("/api/payments/orders/" + order);
        assertThat(payment.get("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(payment.get("paymentId").asString()).isEqualTo(authorized.paymentId());
        assertThat(jdbc.sql("select provider_reference from payment where order_id = ?").param(order)
                .query(String.class).single())
                .isEqualTo(jdbc.sql("select reference from provider_ledger where order_id = ? and operation = 'AUTHORIZE'")
                        .param(order).query(String.class).single());
        // a later command on the same key closes the window: one authorization reply, then the capture's
        saga.send(capture(order));
        assertThat(awaitReplies(order, 2)).extracting(reader::typeOf)
                .containsExactly(PaymentAuthorized.TYPE, PaymentCaptured.TYPE);
        assertThat(ledger(order)).containsExactly("AUTHORIZE APPROVED", "CAPTURE APPROVED");
    }

    @Test
    void invalidCommandGoesToTheDeadLetterTopicAtOnce() {
        String order = newOrder();

        saga.send(authorize(order, "alice", BigDecimal.TEN, "XYZ"));

        await().atMost(PATIENCE).until(() -> saga.records(DEAD_LETTERS, order).size() == 1);
        assertThat(saga.records(PaymentMessages.EVENTS, order)).isEmpty();
        assertThat(status("/api/payments/orders/" + order)).isEqualTo(404);
    }

    @Test
    void recordThatIsNoMessageGoesToTheDeadLetterTopic() {
        String order = newOrder();

        saga.send(new ProducerRecord<>(PaymentMessages.COMMANDS, order, "not json".getBytes(StandardCharsets.UTF_8)));

        await().atMost(PATIENCE).until(() -> saga.records(DEAD_LETTERS, order).size() == 1);
    }

    @Test
    void unknownMessageTypesAreSkipped() {
        String order = newOrder();

        saga.send(command(order, "payments.SomethingNew", Map.of("orderId", order), null));
        saga.send(capture(order));

        assertThat(awaitReplies(order, 1)).extracting(reader::typeOf).containsExactly(PaymentCaptureFailed.TYPE);
    }

    @Test
    void unknownOrderIsA404ProblemWithTraceId() {
        HttpResponse<String> response = get("/api/payments/orders/" + newOrder());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).get("traceId").asString()).matches("[0-9a-f]{32}");
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

    /** The provider's ledger rows of the order, oldest first: "OPERATION OUTCOME". */
    private List<String> ledger(String order) {
        return jdbc.sql("select operation || ' ' || outcome from provider_ledger where order_id = ? order by recorded_at")
                .param(order).query(String.class).list();
    }

    /** The saga's authorization command; the customer is also the acting customer of the message. */
    private static ProducerRecord<String, byte[]> authorize(String order, String customer, BigDecimal amount,
            String currency) {
        return command(order, AuthorizePayment.TYPE, new AuthorizePayment(order, customer, amount, currency),
                customer);
    }

    private static ProducerRecord<String, byte[]> capture(String order) {
        return command(order, CapturePayment.TYPE, new CapturePayment(order), null);
    }

    private static ProducerRecord<String, byte[]> voidPayment(String order, String reason) {
        return command(order, VoidPayment.TYPE, new VoidPayment(order, reason), null);
    }

    /** A command from the order saga, keyed by the order, with a new message id. */
    private static ProducerRecord<String, byte[]> command(String order, String type, Object data,
            @Nullable String customer) {
        return cloudEvent("orders", PaymentMessages.COMMANDS, order, type, data, newId(), customer);
    }

    private List<ConsumerRecord<String, byte[]>> awaitReplies(String order, int count) {
        return saga.awaitRecords(PaymentMessages.EVENTS, order, count, PATIENCE);
    }

    private JsonNode ok(String path) {
        return http.ok(path, admin);
    }

    private int status(String path) {
        return get(path).statusCode();
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

    /**
     * A crash right behind the provider: the first authorization of an order for a customer whose id starts with
     * {@value #CUSTOMERS} reaches the provider, which answers (and records it in its ledger), then fails before the
     * payments transaction commits, so the transaction rolls back and the command is redelivered.
     */
    static final class CrashAfterTheProvider implements BeanPostProcessor {

        static final String CUSTOMERS = "crash-after-provider-";

        private final Map<String, AtomicInteger> authorizations = new ConcurrentHashMap<>();

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (!(bean instanceof PaymentProvider provider)) {
                return bean;
            }
            return new PaymentProvider() {
                @Override
                public Authorization authorize(IdempotencyKey key, OrderId orderId, CustomerId customerId,
                        Money amount) {
                    Authorization answer = provider.authorize(key, orderId, customerId, amount);
                    int attempt = authorizations.computeIfAbsent(orderId.value(), order -> new AtomicInteger())
                            .incrementAndGet();
                    if (customerId.startsWith(CUSTOMERS) && attempt == 1) {
                        throw new IllegalStateException("crashed after the provider answered " + answer);
                    }
                    return answer;
                }

                @Override
                public Capture capture(IdempotencyKey key, OrderId orderId, String reference, Money amount) {
                    return provider.capture(key, orderId, reference, amount);
                }

                @Override
                public void voidAuthorization(IdempotencyKey key, OrderId orderId, String reference) {
                    provider.voidAuthorization(key, orderId, reference);
                }

                @Override
                public void refund(IdempotencyKey key, OrderId orderId, String reference, Money amount) {
                    provider.refund(key, orderId, reference, amount);
                }
            };
        }

        int authorizations(String order) {
            AtomicInteger count = authorizations.get(order);
            return count == null ? 0 : count.get();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Crashes {

        @Bean
        static CrashAfterTheProvider crashAfterTheProvider() {
            return new CrashAfterTheProvider();
        }
    }
}
