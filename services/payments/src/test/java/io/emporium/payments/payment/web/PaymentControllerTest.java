package io.emporium.payments.payment.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.emporium.payments.payment.application.AuthorizePaymentCommand;
import io.emporium.payments.payment.application.DirectTransactions;
import io.emporium.payments.payment.application.InMemoryPayments;
import io.emporium.payments.payment.application.PaymentService;
import io.emporium.payments.payment.application.RecordingProvider;
import io.emporium.payments.payment.application.RecordingReplies;
import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.OrderId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST adapter alone, over in-memory payments: JSON shapes, validation, problems and the audit trail. */
@WebMvcTest(PaymentController.class)
@ExtendWith(OutputCaptureExtension.class)
class PaymentControllerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private final MockMvcTester mvc;
    private final PaymentService service;

    PaymentControllerTest(MockMvcTester mvc, PaymentService service) {
        this.mvc = mvc;
        this.service = service;
    }

    @Test
    void paymentOfAnOrderIsRenderedWithItsHistory() {
        String paymentId = authorize("order-1", "alice", "49.9");

        assertThat(mvc.get().uri("/api/payments/orders/order-1")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"paymentId":"%s","orderId":"order-1","customerId":"alice",
                 "amount":{"amount":49.90,"currency":"EUR"},"status":"AUTHORIZED",
                 "history":[{"status":"AUTHORIZED","at":"2026-01-01T10:00:00Z"}]}""".formatted(paymentId));
    }

    @Test
    void readingAPaymentIsAudited(CapturedOutput output) {
        String paymentId = authorize("order-audit", "alice", "10");

        assertThat(mvc.get().uri("/api/payments/orders/order-audit")).hasStatusOk();

        assertThat(output).contains("Payment data read: paymentId=" + paymentId + " orderId=order-audit");
    }

    @Test
    void orderWithoutPaymentIsA404Problem() {
        MvcTestResult result = mvc.get().uri("/api/payments/orders/no-such-order").exchange();

        assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().isEqualTo("No payment for order no-such-order");
    }

    @Test
    void malformedOrderIdIsA400ProblemNamingIt() {
        assertThat(mvc.get().uri("/api/payments/orders/{id}", "not an order")).hasStatus(400)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("orderId");
    }

    @Test
    void capturedPaymentIsRefunded(CapturedOutput output) {
        String paymentId = authorize("order-2", "alice", "25.00");
        service.capture(new OrderId("order-2"));

        assertThat(mvc.post().uri("/api/payments/{id}/refund", paymentId)).hasStatusOk().bodyJson()
                .extractingPath("$.history[*].status").asArray().containsExactly("AUTHORIZED", "CAPTURED", "REFUNDED");
        assertThat(output).contains("Payment data refund: paymentId=" + paymentId + " orderId=order-2");
    }

    @Test
    void refundOfAPaymentThatIsNotCapturedIsA409Problem() {
        String paymentId = authorize("order-3", "alice", "25.00");

        MvcTestResult result = mvc.post().uri("/api/payments/{id}/refund", paymentId).exchange();

        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString()
                .isEqualTo("Payment " + paymentId + " is AUTHORIZED; only a CAPTURED payment can be refunded");
    }

    @Test
    void secondRefundIsA409Problem() {
        String paymentId = authorize("order-4", "alice", "25.00");
        service.capture(new OrderId("order-4"));
        assertThat(mvc.post().uri("/api/payments/{id}/refund", paymentId)).hasStatusOk();

        assertThat(mvc.post().uri("/api/payments/{id}/refund", paymentId)).hasStatus(409);
    }

    @Test
    void refundOfAnUnknownPaymentIsA404Problem() {
        assertThat(mvc.post().uri("/api/payments/3f2b8c1e-0d6a-4c3e-9d57-2b1f0e6c9a10/refund")).hasStatus(404)
                .bodyJson().extractingPath("$.title").asString().isEqualTo("Payment not found");
    }

    @Test
    void nonUuidPaymentIdIsA400Problem() {
        assertThat(mvc.post().uri("/api/payments/abc/refund")).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refundMustBeAPost() {
        assertThat(mvc.get().uri("/api/payments/3f2b8c1e-0d6a-4c3e-9d57-2b1f0e6c9a10/refund")).hasStatus(405);
    }

    private String authorize(String orderId, String customer, String amount) {
        service.authorize(new AuthorizePaymentCommand(new OrderId(orderId), new CustomerId(customer),
                Money.of(new BigDecimal(amount), "EUR")));
        return service.paymentOf(new OrderId(orderId)).orElseThrow().id().toString();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class InMemoryPaymentService {

        @Bean
        PaymentService paymentService() {
            InMemoryPayments payments = new InMemoryPayments();
            return new PaymentService(payments, payments, new RecordingProvider(), new RecordingReplies(),
                    new DirectTransactions(), Clock.fixed(NOW, ZoneOffset.UTC));
        }
    }
}
