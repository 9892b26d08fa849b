package io.emporium.shipping.shipment.messaging;

import io.emporium.platform.messaging.MessagingTopics;
import io.emporium.shipping.api.ShippingMessages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Declares the topics this service consumes and publishes, each with its dead-letter twin. */
@Configuration(proxyBeanMethods = false)
class ShippingMessagingConfiguration {

    @Bean
    KafkaAdmin.NewTopics shippingTopics(MessagingTopics topics) {
        return topics.withDeadLetterTopics(ShippingMessages.COMMANDS, ShippingMessages.EVENTS);
    }
}
