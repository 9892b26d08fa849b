package io.emporium.orders.order.application;

import io.emporium.orders.order.model.Order;
import io.emporium.payments.api.PaymentMessages;
import io.emporium.payments.api.PaymentMessages.AuthorizePayment;
import io.emporium.payments.api.PaymentMessages.CapturePayment;
import io.emporium.payments.api.PaymentMessages.VoidPayment;
import io.emporium.platform.saga.Command;

/** The payments service as the saga sees it: the commands it accepts about an order. */
final class PaymentsProxy {

    private PaymentsProxy() {
    }

    static Command authorize(Order order) {
        return new Command(PaymentMessages.COMMANDS, AuthorizePayment.TYPE, new AuthorizePayment(order.id().toString(),
                order.customerId().value(), order.total().amount(), order.total().currency()));
    }

    static Command voidPayment(Order order) {
        return new Command(PaymentMessages.COMMANDS, VoidPayment.TYPE,
                new VoidPayment(order.id().toString(), String.valueOf(order.cancelReason())));
    }

    static Command capture(Order order) {
        return new Command(PaymentMessages.COMMANDS, CapturePayment.TYPE, new CapturePayment(order.id().toString()));
    }
}
