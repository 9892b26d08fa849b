package io.emporium.payments.payment.model;

import java.util.Optional;

/** Every payment, at most one per order. All methods need an active transaction. */
public interface Payments {

    /**
     * Serializes every change about one order across threads and service instances: blocks until no other
     * transaction holds the order, and holds it until the current transaction ends. Call it before reading what
     * you are about to decide on.
     */
    void lockOrder(OrderId orderId);

    Optional<Payment> byOrder(OrderId orderId);

    Optional<Payment> byId(PaymentId id);

    /**
     * Stores a new payment.
     *
     * @throws RuntimeException (a data-access exception) if the order already has a payment
     */
    void add(Payment payment);

    /**
     * Stores the payment's new status and history.
     *
     * @throws RuntimeException (an optimistic-locking exception) if it was changed since it was loaded
     */
    void update(Payment payment);
}
