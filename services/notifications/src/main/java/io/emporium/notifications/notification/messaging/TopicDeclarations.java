package io.emporium.notifications.notification.messaging;

import io.emporium.orders.api.OrderMessages;
import io.emporium.platform.messaging.MessagingTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topic notifications consumes, with its dead-letter twin, created at start if missing. */
@Configuration(proxyBeanMethods = false)
class TopicDeclarations {

    @Bean
    KafkaAdmin.NewTopics orderEventTopics(MessagingTopics topics) {
        return topics.withDeadLetterTopics(OrderMessages.EVENTS);
    }
}
