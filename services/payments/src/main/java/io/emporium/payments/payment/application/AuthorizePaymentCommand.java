package io.emporium.payments.payment.application;

import java.util.Objects;

import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.OrderId;

/** Reserve {@code amount} on the customer's means of payment for the order; the amount must be positive. */
public record AuthorizePaymentCommand(OrderId orderId, CustomerId customerId, Money amount) {

    public AuthorizePaymentCommand {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(amount, "amount");
        if (amount.isZero()) {
            throw new IllegalArgumentException("An authorization needs a positive amount");
        }
    }
}
