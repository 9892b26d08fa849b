package io.emporium.payments.payment.messaging;

import java.util.Objects;

import io.emporium.payments.api.PaymentMessages;
import io.emporium.payments.api.PaymentMessages.AuthorizePayment;
import io.emporium.payments.api.PaymentMessages.CapturePayment;
import io.emporium.payments.api.PaymentMessages.VoidPayment;
import io.emporium.payments.payment.application.AuthorizePaymentCommand;
import io.emporium.payments.payment.application.Cashier;
import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.platform.messaging.MessagingTopics;
import io.emporium.platform.messaging.handler.MessageHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics this service consumes and publishes, and how it consumes the order saga's commands. */
@Configuration(proxyBeanMethods = false)
class PaymentMessagingConfiguration {

    @Bean
    KafkaAdmin.NewTopics paymentTopics(MessagingTopics topics) {
        return topics.withDeadLetterTopics(PaymentMessages.COMMANDS, PaymentMessages.EVENTS);
    }

    /**
     * The order saga's commands on {@link PaymentMessages#COMMANDS}. Each runs in one transaction with its inbox row
     * and its reply (the outbox row), so a redelivered message has no effect and sends nothing again; a command
     * re-sent with a new id is answered again by the idempotent use case. A command whose data is not valid (missing
     * or malformed ids, amount or currency) goes to {@code payments.commands.DLT} at once.
     */
    @Bean
    MessageHandlers paymentCommands(Cashier cashier) {
        return MessageHandlers.consumer("payments").topics(PaymentMessages.COMMANDS)
            .on(AuthorizePayment.class, c -> new AuthorizePaymentCommand(new OrderId(c.orderId()),
                    new CustomerId(c.customerId()), Money.of(c.amount(), c.currency())), cashier::authorize)
            .on(VoidPayment.class, message -> {
                OrderId orderId = message.convert(c -> new OrderId(c.orderId()));
                String reason = Objects.requireNonNullElse(message.data().reason(), "(no reason given)");
                return () -> cashier.voidPayment(orderId, reason);
            })
            .on(CapturePayment.class, c -> new OrderId(c.orderId()), cashier::capture)
            .build();
    }
}
