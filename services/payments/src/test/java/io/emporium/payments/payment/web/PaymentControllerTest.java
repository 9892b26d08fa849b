package io.emporium.payments.payment.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.emporium.payments.payment.application.AuthorizePaymentCommand;
import io.emporium.payments.payment.application.Cashier;
import io.emporium.payments.payment.application.DirectTransactions;
import io.emporium.payments.payment.application.InMemoryPayments;
import io.emporium.payments.payment.application.RecordingProvider;
import io.emporium.payments.payment.application.RecordingReplies;
import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;

/**
 * The REST adapter alone, over in-memory payments: JSON shapes, validation, problems, who may see and refund which
 * payment, and the audit trail. Logs are written as ECS JSON here, as the runner writes them, so that the audit's
 * key-values can be read back.
 */
@WebMvcTest(controllers = PaymentController.class, properties = "logging.structured.format.console=ecs")
@Import(PaymentAccessRules.class)
@ExtendWith(OutputCaptureExtension.class)
@TestInfrastructure
class PaymentControllerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final TestIssuer issuer = TestIssuer.shared();

    private final MockMvcTester mvc;
    private final Cashier service;
    private final String aliceToken = issuer.customer("alice");
    private final String alice = "Bearer " + aliceToken;
    private final String bob = "Bearer " + issuer.customer("bob");
    private final String admin = "Bearer " + issuer.admin();

    PaymentControllerTest(MockMvcTester mvc, Cashier service) {
        this.mvc = mvc;
        this.service = service;
    }

    @Test
    void paymentOfAnOrderIsRenderedWithItsHistory() {
        String paymentId = authorize("order-1", "alice", "49.9");

        assertThat(read("order-1", alice)).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"paymentId":"%s","orderId":"order-1","customerId":"alice",
                 "amount":{"amount":49.90,"currency":"EUR"},"status":"AUTHORIZED",
                 "history":[{"status":"AUTHORIZED","at":"2026-01-01T10:00:00Z"}]}""".formatted(paymentId));
    }

    @Test
    void readingAPaymentIsAuditedAsKeyValuesWithoutTheToken(CapturedOutput output) {
        String paymentId = authorize("order-audit", "alice", "10");

        assertThat(read("order-audit", alice)).hasStatusOk();

        JsonNode line = auditLine(output, "payment-read", "order-audit");
        assertThat(field(line, "event.outcome")).isEqualTo("success");
        assertThat(field(line, "user.name")).isEqualTo("alice");
        assertThat(field(line, "payment.id")).isEqualTo(paymentId);
        assertThat(field(line, "log.level")).isEqualTo("INFO");
        assertThat(output.getAll()).doesNotContain(aliceToken).doesNotContain(aliceToken.split("\\.")[1])
                .doesNotContain(aliceToken.split("\\.")[2]);
    }

    @Test
    void orderWithoutPaymentIsA404ProblemAndAudited(CapturedOutput output) {
        MvcTestResult result = read("no-such-order", alice);

        assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().isEqualTo("No payment for order no-such-order");
        JsonNode line = auditLine(output, "payment-read", "no-such-order");
        assertThat(field(line, "event.outcome")).isEqualTo("not-found");
        assertThat(field(line, "user.name")).isEqualTo("alice");
        assertThat(line.get("payment")).isNull();
    }

    @Test
    void anotherCustomersPaymentIsTheSame404AsAnOrderWithoutPayment(CapturedOutput output) throws Exception {
        MvcTestResult beforeThePayment = read("order-of-alice", bob);
        String paymentId = authorize("order-of-alice", "alice", "10");

        MvcTestResult ofAnotherCustomer = read("order-of-alice", bob);

        assertThat(beforeThePayment).hasStatus(404);
        assertThat(ofAnotherCustomer).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyText().isEqualTo(beforeThePayment.getResponse().getContentAsString());
        assertThat(ofAnotherCustomer.getResponse().getHeaderNames())
                .containsExactlyInAnyOrderElementsOf(beforeThePayment.getResponse().getHeaderNames());
        JsonNode line = auditLine(output, "payment-read", "order-of-alice", "denied");
        assertThat(field(line, "user.name")).isEqualTo("bob");
        assertThat(field(line, "payment.id")).isEqualTo(paymentId);
        assertThat(field(line, "log.level")).isEqualTo("WARN");
    }

    @Test
    void anAdminSeesEveryCustomersPayment(CapturedOutput output) {
        authorize("order-of-carol", "carol", "10");

        assertThat(read("order-of-carol", admin)).hasStatusOk()
                .bodyJson().extractingPath("$.customerId").asString().isEqualTo("carol");
        assertThat(field(auditLine(output, "payment-read", "order-of-carol"), "user.name")).isEqualTo("admin");
    }

    @Test
    void malformedOrderIdIsA400ProblemNamingIt() {
        assertThat(mvc.get().uri("/api/payments/orders/{id}", "not an order").header(AUTHORIZATION, alice))
                .hasStatus(400).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("orderId");
    }

    @Test
    void capturedPaymentIsRefundedByAnAdminAndAudited(CapturedOutput output) {
        String paymentId = authorize("order-2", "alice", "25.00");
        service.capture(new OrderId("order-2"));

        assertThat(refund(paymentId, admin)).hasStatusOk().bodyJson()
                .extractingPath("$.history[*].status").asArray().containsExactly("AUTHORIZED", "CAPTURED", "REFUNDED");
        JsonNode line = auditLine(output, "payment-refund", "order-2");
        assertThat(field(line, "event.outcome")).isEqualTo("success");
        assertThat(field(line, "user.name")).isEqualTo("admin");
        assertThat(field(line, "payment.id")).isEqualTo(paymentId);
    }

    @Test
    void aCustomerMayNotRefundEvenTheirOwnPaymentAndTheAttemptIsAudited(CapturedOutput output) {
        String paymentId = authorize("order-5", "alice", "25.00");
        service.capture(new OrderId("order-5"));

        MvcTestResult result = refund(paymentId, alice);

        assertThat(result).hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.status").asNumber().isEqualTo(403);
        assertThat(read("order-5", alice)).bodyJson().extractingPath("$.status").asString().isEqualTo("CAPTURED");
        JsonNode denied = auditLines(output).stream()
                .filter(line -> "payment-refund".equals(field(line, "event.action"))
                        && paymentId.equals(field(line, "payment.id")))
                .findFirst().orElseThrow(() -> new AssertionError("no audit line for the refused refund"));
        assertThat(field(denied, "event.outcome")).isEqualTo("denied");
        assertThat(field(denied, "user.name")).isEqualTo("alice");
    }

    @Test
    void refundOfAPaymentThatIsNotCapturedIsA409ProblemAndAudited(CapturedOutput output) {
        String paymentId = authorize("order-3", "alice", "25.00");

        MvcTestResult result = refund(paymentId, admin);

        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString()
                .isEqualTo("Payment " + paymentId + " is AUTHORIZED; only a CAPTURED payment can be refunded");
        assertThat(field(auditLine(output, "payment-refund", "order-3"), "event.outcome")).isEqualTo("conflict");
    }

    @Test
    void secondRefundIsA409Problem() {
        String paymentId = authorize("order-4", "alice", "25.00");
        service.capture(new OrderId("order-4"));
        assertThat(refund(paymentId, admin)).hasStatusOk();

        assertThat(refund(paymentId, admin)).hasStatus(409);
    }

    @Test
    void refundOfAnUnknownPaymentIsA404ProblemAndAudited(CapturedOutput output) {
        String unknown = "3f2b8c1e-0d6a-4c3e-9d57-2b1f0e6c9a10";

        assertThat(refund(unknown, admin)).hasStatus(404)
                .bodyJson().extractingPath("$.title").asString().isEqualTo("Payment not found");
        assertThat(auditLines(output)).anySatisfy(line -> {
            assertThat(field(line, "event.action")).isEqualTo("payment-refund");
            assertThat(field(line, "event.outcome")).isEqualTo("not-found");
            assertThat(field(line, "payment.id")).isEqualTo(unknown);
        });
    }

    @Test
    void nonUuidPaymentIdIsA400Problem() {
        assertThat(refund("abc", admin)).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refundMustBeAPost() {
        assertThat(mvc.get().uri("/api/payments/3f2b8c1e-0d6a-4c3e-9d57-2b1f0e6c9a10/refund").header(AUTHORIZATION, admin))
                .hasStatus(405);
    }

    @Test
    void withoutATokenNothingIsAnsweredButA401Problem(CapturedOutput output) {
        String paymentId = authorize("order-6", "alice", "25.00");

        for (MvcTestResult result : List.of(read("order-6", null), refund(paymentId, null))) {
            assertThat(result).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .headers().hasValue("WWW-Authenticate", "Bearer");
        }
        assertThat(auditLines(output)).isEmpty();
    }

    private MvcTestResult read(String orderId, String authorization) {
        var request = mvc.get().uri("/api/payments/orders/{orderId}", orderId);
        return (authorization == null ? request : request.header(AUTHORIZATION, authorization)).exchange();
    }

    private MvcTestResult refund(String paymentId, String authorization) {
        var request = mvc.post().uri("/api/payments/{paymentId}/refund", paymentId);
        return (authorization == null ? request : request.header(AUTHORIZATION, authorization)).exchange();
    }

    private String authorize(String orderId, String customer, String amount) {
        service.authorize(new AuthorizePaymentCommand(new OrderId(orderId), new CustomerId(customer),
                Money.of(new BigDecimal(amount), "EUR")));
        return service.paymentOf(new OrderId(orderId)).orElseThrow().id().toString();
    }

    /** The lines of the audit logger in the output, as ECS JSON. */
    private static List<JsonNode> auditLines(CapturedOutput output) {
        return output.getAll().lines().filter(line -> line.startsWith("{")).map(JsonMapper.shared()::readTree)
                .filter(line -> PaymentAudit.LOGGER.equals(field(line, "log.logger"))).toList();
    }

    private static JsonNode auditLine(CapturedOutput output, String action, String orderId) {
        return auditLines(output).stream()
                .filter(line -> action.equals(field(line, "event.action")) && orderId.equals(field(line, "order.id")))
                .reduce((first, second) -> {
                    throw new AssertionError("more than one " + action + " audit line for order " + orderId);
                })
                .orElseThrow(() -> new AssertionError("no " + action + " audit line for order " + orderId));
    }

    private static JsonNode auditLine(CapturedOutput output, String action, String orderId, String outcome) {
        return auditLines(output).stream()
                .filter(line -> action.equals(field(line, "event.action")) && orderId.equals(field(line, "order.id"))
                        && outcome.equals(field(line, "event.outcome")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " " + outcome + " audit line for " + orderId));
    }

    /** A field of an ECS line by its dotted name ({@code user.name}), which ECS nests ({@code "user":{"name":}}). */
    private static String field(JsonNode line, String dottedName) {
        JsonNode node = line;
        for (String part : dottedName.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node == null ? null : node.asString();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class InMemoryCashier {

        @Bean
        Cashier cashier() {
            InMemoryPayments payments = new InMemoryPayments();
            return new Cashier(payments, payments, new RecordingProvider(), new RecordingReplies(),
                    new DirectTransactions(), Clock.fixed(NOW, ZoneOffset.UTC));
        }
    }
}
