package io.emporium.inventory.stock.messaging;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.platform.messaging.MessagingTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics inventory consumes and publishes, each with its dead-letter twin, created at start if missing. */
@Configuration(proxyBeanMethods = false)
class TopicDeclarations {

    @Bean
    KafkaAdmin.NewTopics inventoryTopics(MessagingTopics topics) {
        return topics.withDeadLetterTopics(InventoryMessages.COMMANDS, InventoryMessages.EVENTS);
    }
}
