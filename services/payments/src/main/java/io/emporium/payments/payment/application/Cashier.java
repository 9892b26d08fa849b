package io.emporium.payments.payment.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

import io.emporium.payments.payment.model.CancelledOrders;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.payments.payment.model.Payment;
import io.emporium.payments.payment.model.PaymentId;
import io.emporium.payments.payment.model.PaymentStatus;
import io.emporium.payments.payment.model.Payments;
import io.emporium.platform.transaction.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment use cases, at the cashier: the order saga's commands (authorize, void, capture) and the admin's refund.
 *
 * <p>Every saga command is idempotent per order and always answered through {@link PaymentReplies}, in the same
 * transaction as its effect: repeating a command changes nothing and answers what the first one did. Commands about
 * one order are serialized ({@link Payments#lockOrder}), so concurrent deliveries on several threads or instances
 * cannot both take effect. A compensation may arrive before the command it compensates: a void without a payment
 * is remembered, and the late authorization is declined with {@value #ORDER_ALREADY_CANCELLED}. Every provider call
 * carries an {@link IdempotencyKey} derived from the order and the operation: a command redelivered after a crash that
 * rolled back what we stored asks the provider again with the same key and gets its first answer, never a second
 * hold or charge.
 */
public class Cashier {

    /** The decline reason of an authorization that arrives after its order's payment was voided. */
    public static final String ORDER_ALREADY_CANCELLED = "order already cancelled";

    private static final Logger log = LoggerFactory.getLogger(Cashier.class);

    private final Payments payments;
    private final CancelledOrders cancelledOrders;
    private final PaymentProvider provider;
    private final PaymentReplies replies;
    private final Transactions transactions;
    private final Clock clock;

    public Cashier(Payments payments, CancelledOrders cancelledOrders, PaymentProvider provider,
            PaymentReplies replies, Transactions transactions, Clock clock) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.cancelledOrders = Objects.requireNonNull(cancelledOrders, "cancelledOrders");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.replies = Objects.requireNonNull(replies, "replies");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Authorizes the order's payment with the provider, unless the order already has a payment or was cancelled.
     * Answers {@code authorized(paymentId)} or {@code declined(reason)}:
     * <ul>
     * <li>first time: the provider's decision (see the provider for its decline rules), stored as an AUTHORIZED or
     * DECLINED payment;</li>
     * <li>order cancelled before (a void arrived first): a DECLINED payment, reason {@value #ORDER_ALREADY_CANCELLED},
     * without asking the provider;</li>
     * <li>payment exists (a repeated command): no effect; DECLINED answers its reason, VOIDED answers
     * {@value #ORDER_ALREADY_CANCELLED}, any other status answers {@code authorized} with the existing id.</li>
     * </ul>
     */
    public void authorize(AuthorizePaymentCommand command) {
        transactions.inTransaction(() -> {
            payments.lockOrder(command.orderId());
            Optional<Payment> existing = payments.byOrder(command.orderId());
            if (existing.isPresent()) {
                log.info("Order {} already has payment {}; answering again", command.orderId(), existing.get().id());
                answerAuthorization(existing.get());
                return;
            }
            PaymentId id = PaymentId.random();
            Payment payment;
            if (cancelledOrders.contains(command.orderId())) {
                payment = Payment.declined(id, command.orderId(), command.customerId(), command.amount(),
                        ORDER_ALREADY_CANCELLED, now());
            }
            else {
                PaymentProvider.Authorization answer = provider.authorize(IdempotencyKey.authorize(command.orderId()),
                        command.orderId(), command.customerId(), command.amount());
                payment = switch (answer) {
                    case PaymentProvider.Authorization.Approved approved ->
                            Payment.authorized(id, command.orderId(), command.customerId(), command.amount(),
                                    approved.reference(), now());
                    case PaymentProvider.Authorization.Declined declined ->
                            Payment.declined(id, command.orderId(), command.customerId(), command.amount(),
                                    declined.reason(), now());
                };
            }
            payments.add(payment);
            log.info("{}", payment);
            answerAuthorization(payment);
        });
    }

    /**
     * Compensation: makes sure nothing stays reserved or charged for the order, then answers {@code voided}.
     * AUTHORIZED becomes VOIDED; CAPTURED (a capture that overtook the saga's timeout) is refunded, becoming
     * REFUNDED; VOIDED, REFUNDED and DECLINED stay as they are. Without a payment the order is remembered as
     * cancelled, so a late authorization is declined.
     */
    public void voidPayment(OrderId orderId, String reason) {
        transactions.inTransaction(() -> {
            payments.lockOrder(orderId);
            Optional<Payment> existing = payments.byOrder(orderId);
            if (existing.isEmpty()) {
                log.info("Void for order {} before any authorization ({}): remembering the order as cancelled",
                        orderId, reason);
                cancelledOrders.add(orderId, reason, now());
            }
            else {
                Payment payment = existing.get();
                if (payment.status() == PaymentStatus.AUTHORIZED) {
                    provider.voidAuthorization(IdempotencyKey.voidAuthorization(orderId), orderId, hold(payment));
                    payment.voidAuthorization(now());
                    payments.update(payment);
                    log.info("Voided {}: {}", payment, reason);
                }
                else if (payment.status() == PaymentStatus.CAPTURED) {
                    provider.refund(IdempotencyKey.refund(orderId), orderId, hold(payment), payment.amount());
                    payment.refund(now());
                    payments.update(payment);
                    log.warn("Void for captured {}: refunded it ({})", payment, reason);
                }
            }
            replies.voided(orderId);
        });
    }

    /**
     * Charges the order's authorized payment and answers {@code captured(paymentId)}; a CAPTURED payment answers
     * the same without charging again. When nothing is captured the answer is {@code captureFailed(reason)}:
     * <ul>
     * <li>the provider refused the capture (see the provider for its rules): the payment stays AUTHORIZED (the hold
     * remains until the saga voids it) and a repeated capture gets the provider's same answer;</li>
     * <li>the payment is VOIDED, DECLINED or REFUNDED, or the order has no payment: nothing is ever captured then,
     * an error is logged and the reason is {@code "nothing captured: ..."}.</li>
     * </ul>
     */
    public void capture(OrderId orderId) {
        transactions.inTransaction(() -> {
            payments.lockOrder(orderId);
            Optional<Payment> existing = payments.byOrder(orderId);
            if (existing.isEmpty()) {
                log.error("Capture for order {}, which has no payment: nothing captured", orderId);
                replies.captureFailed(orderId, "nothing captured: the order has no authorized payment", null);
                return;
            }
            Payment payment = existing.get();
            switch (payment.status()) {
                case AUTHORIZED -> {
                    PaymentProvider.Capture answer = provider.capture(IdempotencyKey.capture(orderId), orderId,
                            hold(payment), payment.amount());
                    switch (answer) {
                        case PaymentProvider.Capture.Captured captured -> {
                            payment.capture(now());
                            payments.update(payment);
                            log.info("Captured {}", payment);
                            replies.captured(orderId, payment.id(), payment.customerId());
                        }
                        case PaymentProvider.Capture.Declined declined -> {
                            log.warn("Capture of {} refused by the provider: {}", payment, declined.reason());
                            replies.captureFailed(orderId, declined.reason(), payment.customerId());
                        }
                    }
                }
                case CAPTURED -> replies.captured(orderId, payment.id(), payment.customerId());
                case VOIDED, DECLINED, REFUNDED -> {
                    log.error("Capture for {}: nothing captured", payment);
                    replies.captureFailed(orderId, "nothing captured: the payment is " + payment.status(),
                            payment.customerId());
                }
            }
        });
    }

    /**
     * Pays a captured payment back (an admin action): CAPTURED becomes REFUNDED.
     *
     * @return the refunded payment, or empty if there is no payment with this id
     * @throws io.emporium.payments.payment.model.IllegalPaymentTransition if the payment is not CAPTURED (refunding
     *         twice is refused too)
     */
    public Optional<Payment> refund(PaymentId paymentId) {
        return transactions.inTransaction(() -> {
            Optional<Payment> found = payments.byId(paymentId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            payments.lockOrder(found.get().orderId());
            Payment payment = payments.byId(paymentId).orElseThrow();
            payment.refund(now());
            provider.refund(IdempotencyKey.refund(payment.orderId()), payment.orderId(), hold(payment),
                    payment.amount());
            payments.update(payment);
            log.info("Refunded {}", payment);
            return Optional.of(payment);
        });
    }

    /** The order's payment, or empty if it has none (yet). */
    public Optional<Payment> paymentOf(OrderId orderId) {
        return transactions.inTransaction(() -> payments.byOrder(orderId));
    }

    private void answerAuthorization(Payment payment) {
        switch (payment.status()) {
            case DECLINED -> replies.declined(payment.orderId(), Objects.requireNonNull(payment.declineReason()),
                    payment.customerId());
            case VOIDED -> replies.declined(payment.orderId(), ORDER_ALREADY_CANCELLED, payment.customerId());
            case AUTHORIZED, CAPTURED, REFUNDED ->
                    replies.authorized(payment.orderId(), payment.id(), payment.customerId());
        }
    }

    /** The provider's id of the payment's hold: every payment but a DECLINED one has one. */
    private static String hold(Payment payment) {
        return Objects.requireNonNull(payment.providerReference(), () -> payment + " has no hold at the provider");
    }

    /** Database timestamps keep microseconds: so does the domain, and what is stored reads back equal. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
