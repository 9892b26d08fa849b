package io.emporium.payments.payment.application;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.PaymentId;

/** A provider that declines customers starting with "decline-" and amounts over 5000, and records every call. */
public final class RecordingProvider implements PaymentProvider {

    private final List<String> calls = new ArrayList<>();

    @Override
    public Authorization authorize(PaymentId paymentId, CustomerId customerId, Money amount) {
        calls.add("authorize " + paymentId);
        if (amount.exceeds(new BigDecimal("5000.00"))) {
            return new Authorization.Declined("amount exceeds the limit of 5000.00");
        }
        return customerId.startsWith("decline-") ? new Authorization.Declined("card declined by issuer")
                : new Authorization.Approved();
    }

    @Override
    public void capture(PaymentId paymentId, Money amount) {
        calls.add("capture " + paymentId);
    }

    @Override
    public void voidAuthorization(PaymentId paymentId) {
        calls.add("void " + paymentId);
    }

    @Override
    public void refund(PaymentId paymentId, Money amount) {
        calls.add("refund " + paymentId);
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }
}
