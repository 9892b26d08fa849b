package io.emporium.payments.payment.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The payment of one order (at most one per order). Its status moves only along the transitions of
 * {@link PaymentStatus}; each transition is a method named for its intent that throws
 * {@link IllegalPaymentTransition} when the current status does not allow it, and appends to the history.
 *
 * <p>Not thread-safe: load, change and store it within one transaction, with the order locked (see
 * {@link Payments#lockOrder}).
 */
public final class Payment {

    private final PaymentId id;
    private final OrderId orderId;
    private final CustomerId customerId;
    private final Money amount;
    private final @Nullable String declineReason;
    private final @Nullable String providerReference;
    private final List<StatusChange> history;
    private final int version;

    private Payment(PaymentId id, OrderId orderId, CustomerId customerId, Money amount,
            @Nullable String declineReason, @Nullable String providerReference, List<StatusChange> history,
            int version) {
        this.id = Objects.requireNonNull(id, "id");
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.amount = Objects.requireNonNull(amount, "amount");
        this.history = new ArrayList<>(history);
        this.version = version;
        if (history.isEmpty()) {
            throw new IllegalArgumentException("A payment has at least one status");
        }
        boolean declined = status() == PaymentStatus.DECLINED;
        if (declined != (declineReason != null && !declineReason.isBlank())) {
            throw new IllegalArgumentException("A payment has a decline reason exactly when it is DECLINED");
        }
        if (declined != (providerReference == null || providerReference.isBlank())) {
            throw new IllegalArgumentException("A payment has a hold at the provider exactly when it is not DECLINED");
        }
        this.declineReason = declineReason;
        this.providerReference = providerReference;
    }

    /**
     * A payment the provider authorized: the amount is reserved on the customer's means of payment, held at the
     * provider under {@code providerReference} (the provider's id of the hold, which capture, void and refund name).
     */
    public static Payment authorized(PaymentId id, OrderId orderId, CustomerId customerId, Money amount,
            String providerReference, Instant at) {
        return new Payment(id, orderId, customerId, amount, null, Objects.requireNonNull(providerReference),
                List.of(new StatusChange(PaymentStatus.AUTHORIZED, at)), 0);
    }

    /** A payment that was refused, for {@code reason}; nothing was reserved and nothing ever will be. */
    public static Payment declined(PaymentId id, OrderId orderId, CustomerId customerId, Money amount, String reason,
            Instant at) {
        return new Payment(id, orderId, customerId, amount, reason, null,
                List.of(new StatusChange(PaymentStatus.DECLINED, at)), 0);
    }

    /** A stored payment, as it was; {@code version} is the store's optimistic-lock counter. */
    public static Payment restore(PaymentId id, OrderId orderId, CustomerId customerId, Money amount,
            @Nullable String declineReason, @Nullable String providerReference, List<StatusChange> history,
            int version) {
        return new Payment(id, orderId, customerId, amount, declineReason, providerReference, history, version);
    }

    /** AUTHORIZED -> CAPTURED: the order is confirmed, the customer is charged. */
    public void capture(Instant at) {
        moveTo(PaymentStatus.CAPTURED, "captured", PaymentStatus.AUTHORIZED, at);
    }

    /** AUTHORIZED -> VOIDED: the reservation is cancelled, nothing is charged. */
    public void voidAuthorization(Instant at) {
        moveTo(PaymentStatus.VOIDED, "voided", PaymentStatus.AUTHORIZED, at);
    }

    /** CAPTURED -> REFUNDED: the charged amount is paid back. */
    public void refund(Instant at) {
        moveTo(PaymentStatus.REFUNDED, "refunded", PaymentStatus.CAPTURED, at);
    }

    private void moveTo(PaymentStatus next, String action, PaymentStatus required, Instant at) {
        if (status() != required) {
            throw new IllegalPaymentTransition(id, orderId, status(), action, required);
        }
        history.add(new StatusChange(next, at));
    }

    public PaymentId id() {
        return id;
    }

    public OrderId orderId() {
        return orderId;
    }

    public CustomerId customerId() {
        return customerId;
    }

    public Money amount() {
        return amount;
    }

    public PaymentStatus status() {
        return history.getLast().status();
    }

    /** Why the payment was declined; {@code null} unless it is {@link PaymentStatus#DECLINED}. */
    public @Nullable String declineReason() {
        return declineReason;
    }

    /** The provider's id of the hold; {@code null} exactly when the payment is {@link PaymentStatus#DECLINED}. */
    public @Nullable String providerReference() {
        return providerReference;
    }

    /** Every status the payment reached, oldest first; the last one is the current status. */
    public List<StatusChange> history() {
        return List.copyOf(history);
    }

    /** The version it was loaded with (0 for a new payment); stores use it to detect concurrent changes. */
    public int version() {
        return version;
    }

    @Override
    public String toString() {
        return "Payment " + id + " of order " + orderId + " (" + status() + ", " + amount + ")";
    }
}
