package io.emporium.shipping.shipment.messaging;

import java.util.Objects;

import io.emporium.platform.messaging.MessagingTopics;
import io.emporium.platform.messaging.handler.MessageHandlers;
import io.emporium.shipping.api.ShippingMessages;
import io.emporium.shipping.api.ShippingMessages.CancelShipment;
import io.emporium.shipping.api.ShippingMessages.CreateShipment;
import io.emporium.shipping.shipment.application.CreateShipmentCommand;
import io.emporium.shipping.shipment.application.ShippingDesk;
import io.emporium.shipping.shipment.model.CustomerId;
import io.emporium.shipping.shipment.model.OrderId;
import io.emporium.shipping.shipment.model.ShipmentLine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics this service consumes and publishes, and how it consumes the order saga's commands. */
@Configuration(proxyBeanMethods = false)
class ShippingMessagingConfiguration {

    @Bean
    KafkaAdmin.NewTopics shippingTopics(MessagingTopics topics) {
        return topics.withDeadLetterTopics(ShippingMessages.COMMANDS, ShippingMessages.EVENTS);
    }

    /**
     * The order saga's commands on {@link ShippingMessages#COMMANDS}. Each runs in one transaction with its inbox row
     * and its reply (the outbox row), so a redelivered message has no effect and sends nothing again; a command
     * re-sent with a new id is answered again by the idempotent use case. A command whose data is not valid (missing
     * or malformed ids, no lines, a malformed SKU or a quantity below 1) goes to {@code shipping.commands.DLT} at once.
     */
    @Bean
    MessageHandlers shipmentCommands(ShippingDesk desk) {
        return MessageHandlers.consumer("shipping").topics(ShippingMessages.COMMANDS)
            .on(CreateShipment.class, c -> new CreateShipmentCommand(new OrderId(c.orderId()),
                    new CustomerId(c.customerId()),
                    c.lines().stream().map(line -> new ShipmentLine(line.sku(), line.quantity())).toList()),
                    desk::create)
            .on(CancelShipment.class, message -> {
                OrderId orderId = message.convert(c -> new OrderId(c.orderId()));
                String reason = Objects.requireNonNullElse(message.data().reason(), "(no reason given)");
                return () -> desk.cancel(orderId, reason);
            })
            .build();
    }
}
