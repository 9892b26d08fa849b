package io.emporium.payments.payment.web;

import java.util.Optional;
import java.util.UUID;

import io.emporium.payments.payment.application.Cashier;
import io.emporium.payments.payment.model.IllegalPaymentTransition;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.payments.payment.model.Payment;
import io.emporium.payments.payment.model.PaymentId;
import io.emporium.payments.payment.web.PaymentAudit.Outcome;
import io.emporium.platform.security.Caller;
import io.emporium.platform.web.NotFound;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payments REST API under {@code /api/payments} (the gateway forwards that prefix unchanged), for callers with
 * a valid token. A customer sees only their own payments; every access to a payment, allowed or not, is written to
 * the audit log ({@link PaymentAudit}). Invalid ids are 400 problems, unknown ones 404.
 */
@RestController
@RequestMapping("/api/payments")
class PaymentController {

    private final Cashier cashier;

    PaymentController(Cashier cashier) {
        this.cashier = cashier;
    }

    /**
     * The order's payment with its status history, for its customer or an administrator. Read-only. 404 if the
     * order has no payment, and the very same 404 if the payment is another customer's: whether someone else's
     * order has a payment is not told.
     */
    @GetMapping("/orders/{orderId}")
    PaymentResponse paymentOfOrder(@PathVariable @Pattern(regexp = OrderId.FORMAT) String orderId, Caller caller) {
        OrderId order = new OrderId(orderId);
        Optional<Payment> found = cashier.paymentOf(order);
        if (found.isEmpty()) {
            PaymentAudit.record(PaymentAudit.READ, Outcome.NOT_FOUND, caller.subject(), null, order);
            throw NotFound.of("payment", "for order " + orderId);
        }
        Payment payment = found.get();
        if (!caller.mayActFor(payment.customerId().value())) {
            PaymentAudit.record(PaymentAudit.READ, Outcome.DENIED, caller.subject(), payment.id(), order);
            throw NotFound.of("payment", "for order " + orderId);
        }
        PaymentAudit.record(PaymentAudit.READ, Outcome.SUCCESS, caller.subject(), payment.id(), order);
        return PaymentResponse.of(payment);
    }

    /**
     * Administrators only ({@link PaymentAccessRules}): pays a CAPTURED payment back and answers it, now REFUNDED.
     * Not idempotent by design: any other status, including REFUNDED, is a 409 problem; an unknown id is a 404
     * problem.
     */
    @PostMapping("/{paymentId}/refund")
    PaymentResponse refund(@PathVariable UUID paymentId, Caller caller) {
        PaymentId id = new PaymentId(paymentId);
        Optional<Payment> refunded;
        try {
            refunded = cashier.refund(id);
        }
        catch (IllegalPaymentTransition ex) {
            PaymentAudit.record(PaymentAudit.REFUND, Outcome.CONFLICT, caller.subject(), ex.paymentId(), ex.orderId());
            throw new PaymentConflict(ex.getMessage(), ex);
        }
        if (refunded.isEmpty()) {
            PaymentAudit.record(PaymentAudit.REFUND, Outcome.NOT_FOUND, caller.subject(), id, null);
            throw NotFound.of("payment", "with id " + paymentId);
        }
        PaymentAudit.record(PaymentAudit.REFUND, Outcome.SUCCESS, caller.subject(), id, refunded.get().orderId());
        return PaymentResponse.of(refunded.get());
    }
}
