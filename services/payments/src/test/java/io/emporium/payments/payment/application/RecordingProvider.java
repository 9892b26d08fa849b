package io.emporium.payments.payment.application;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.OrderId;

/**
 * A provider that declines customers starting with "decline-" and amounts over 5000, refuses the captures of
 * customers starting with "nocapture-", and records the idempotency key of every call. Holds are named
 * {@code hold-<order id>}.
 */
public final class RecordingProvider implements PaymentProvider {

    private final List<String> calls = new ArrayList<>();
    private final Map<String, CustomerId> holders = new HashMap<>();

    @Override
    public Authorization authorize(IdempotencyKey key, OrderId orderId, CustomerId customerId, Money amount) {
        calls.add(key.value());
        if (amount.exceeds(new BigDecimal("5000.00"))) {
            return new Authorization.Declined("amount exceeds the limit of 5000.00");
        }
        if (customerId.startsWith("decline-")) {
            return new Authorization.Declined("card declined by issuer");
        }
        holders.put("hold-" + orderId.value(), customerId);
        return new Authorization.Approved("hold-" + orderId.value());
    }

    @Override
    public Capture capture(IdempotencyKey key, OrderId orderId, String reference, Money amount) {
        calls.add(key.value());
        CustomerId holder = holders.get(reference);
        return holder != null && holder.startsWith("nocapture-") ? new Capture.Declined("capture refused by issuer")
                : new Capture.Captured();
    }

    @Override
    public void voidAuthorization(IdempotencyKey key, OrderId orderId, String reference) {
        calls.add(key.value());
    }

    @Override
    public void refund(IdempotencyKey key, OrderId orderId, String reference, Money amount) {
        calls.add(key.value());
    }

    /** The idempotency keys of every call, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }
}
