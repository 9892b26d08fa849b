package io.emporium.payments.payment.web;

import java.util.UUID;

import io.emporium.payments.payment.application.PaymentService;
import io.emporium.payments.payment.model.IllegalPaymentTransition;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.payments.payment.model.Payment;
import io.emporium.payments.payment.model.PaymentId;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payments REST API under {@code /api/payments} (the gateway forwards that prefix unchanged). Every access to a
 * payment is written to the audit log ({@link PaymentAudit}). Invalid ids are 400 problems, unknown ones 404.
 */
@RestController
@RequestMapping("/api/payments")
class PaymentController {

    private final PaymentService payments;

    PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    /** The order's payment with its status history; 404 if the order has none. Read-only. */
    @GetMapping("/orders/{orderId}")
    PaymentResponse paymentOfOrder(@PathVariable @Pattern(regexp = OrderId.FORMAT) String orderId) {
        Payment payment = payments.paymentOf(new OrderId(orderId)).orElseThrow(() -> PaymentNotFound.forOrder(orderId));
        PaymentAudit.accessed("read", payment);
        return PaymentResponse.of(payment);
    }

    /**
     * ADMIN endpoint (to be restricted to administrators when security arrives): pays a CAPTURED payment back and
     * answers it, now REFUNDED. Not idempotent by design: any other status, including REFUNDED, is a 409 problem;
     * an unknown id is a 404 problem.
     */
    @PostMapping("/{paymentId}/refund")
    PaymentResponse refund(@PathVariable UUID paymentId) {
        try {
            Payment payment = payments.refund(new PaymentId(paymentId))
                    .orElseThrow(() -> PaymentNotFound.withId(paymentId));
            PaymentAudit.accessed("refund", payment);
            return PaymentResponse.of(payment);
        }
        catch (IllegalPaymentTransition ex) {
            PaymentAudit.accessed("refund refused", ex.paymentId(), ex.orderId());
            throw new PaymentConflict(ex.getMessage(), ex);
        }
    }
}
