package io.emporium.payments.payment.application;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.emporium.payments.payment.model.CancelledOrders;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.payments.payment.model.Payment;
import io.emporium.payments.payment.model.PaymentId;
import io.emporium.payments.payment.model.Payments;

/**
 * Payments and cancelled orders in memory, for tests of the use cases and the REST adapter. Stores snapshots, as a
 * database would: a change is visible only after {@link #update}. Not thread-safe; locking is a no-op.
 */
public final class InMemoryPayments implements Payments, CancelledOrders {

    private final Map<OrderId, Payment> byOrder = new LinkedHashMap<>();
    private final Map<OrderId, String> cancelled = new LinkedHashMap<>();
    private int locks;

    @Override
    public void lockOrder(OrderId orderId) {
        locks++;
    }

    @Override
    public Optional<Payment> byOrder(OrderId orderId) {
        return Optional.ofNullable(byOrder.get(orderId)).map(InMemoryPayments::copy);
    }

    @Override
    public Optional<Payment> byId(PaymentId id) {
        return byOrder.values().stream().filter(payment -> payment.id().equals(id)).findFirst()
                .map(InMemoryPayments::copy);
    }

    @Override
    public void add(Payment payment) {
        if (byOrder.putIfAbsent(payment.orderId(), copy(payment)) != null) {
            throw new IllegalStateException("Order " + payment.orderId() + " already has a payment");
        }
    }

    @Override
    public void update(Payment payment) {
        Payment stored = byOrder.get(payment.orderId());
        if (stored == null || stored.version() != payment.version()) {
            throw new IllegalStateException("Stale " + payment);
        }
        byOrder.put(payment.orderId(), Payment.restore(payment.id(), payment.orderId(), payment.customerId(),
                payment.amount(), payment.declineReason(), payment.providerReference(), payment.history(),
                payment.version() + 1));
    }

    @Override
    public boolean contains(OrderId orderId) {
        return cancelled.containsKey(orderId);
    }

    @Override
    public void add(OrderId orderId, String reason, Instant at) {
        cancelled.putIfAbsent(orderId, reason);
    }

    public int count() {
        return byOrder.size();
    }

    public int locksTaken() {
        return locks;
    }

    private static Payment copy(Payment payment) {
        return Payment.restore(payment.id(), payment.orderId(), payment.customerId(), payment.amount(),
                payment.declineReason(), payment.providerReference(), payment.history(), payment.version());
    }
}
