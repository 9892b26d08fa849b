package io.emporium.orders.order.messaging;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.orders.api.OrderMessages;
import io.emporium.orders.order.application.OrderFulfilment;
import io.emporium.payments.api.PaymentMessages;
import io.emporium.platform.messaging.MessagingTopics;
import io.emporium.platform.messaging.handler.MessageHandlers;
import io.emporium.shipping.api.ShippingMessages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics the orders service writes to and reads from (with their dead-letter twins), and how it consumes the
 * participants' replies.
 */
@Configuration(proxyBeanMethods = false)
class OrderMessagingConfiguration {

    @Bean
    KafkaAdmin.NewTopics orderTopics(MessagingTopics topics) {
        return topics.withDeadLetterTopics(OrderMessages.EVENTS, InventoryMessages.COMMANDS, PaymentMessages.COMMANDS,
                ShippingMessages.COMMANDS, InventoryMessages.EVENTS, PaymentMessages.EVENTS, ShippingMessages.EVENTS);
    }

    /**
     * Every message type the saga receives, from the participants' event topics, checked and offered to the saga by
     * {@link ParticipantReplies}.
     */
    @Bean
    MessageHandlers participantReplies(OrderFulfilment fulfilment) {
        MessageHandlers.Builder table = MessageHandlers.consumer("orders")
            .topics(InventoryMessages.EVENTS, PaymentMessages.EVENTS, ShippingMessages.EVENTS);
        ParticipantReplies replies = new ParticipantReplies(fulfilment);
        fulfilment.replyTypes().forEach((type, dataType) -> table.on(type, dataType, replies::offer));
        return table.build();
    }
}
