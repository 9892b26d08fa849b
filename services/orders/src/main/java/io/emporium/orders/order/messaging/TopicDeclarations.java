package io.emporium.orders.order.messaging;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.orders.api.OrderMessages;
import io.emporium.payments.api.PaymentMessages;
import io.emporium.platform.messaging.MessagingTopics;
import io.emporium.shipping.api.ShippingMessages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics the orders service writes to and reads from (with their dead-letter twins). */
@Configuration(proxyBeanMethods = false)
class TopicDeclarations {

    @Bean
    KafkaAdmin.NewTopics orderTopics(MessagingTopics topics) {
        return topics.withDeadLetterTopics(OrderMessages.EVENTS, InventoryMessages.COMMANDS, PaymentMessages.COMMANDS,
                ShippingMessages.COMMANDS, InventoryMessages.EVENTS, PaymentMessages.EVENTS, ShippingMessages.EVENTS);
    }
}
