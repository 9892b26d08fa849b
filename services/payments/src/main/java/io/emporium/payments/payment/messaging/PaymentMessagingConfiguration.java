package io.emporium.payments.payment.messaging;

import io.emporium.payments.api.PaymentMessages;
import io.emporium.platform.messaging.MessagingTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Declares the topics this service consumes and publishes, each with its dead-letter twin. */
@Configuration(proxyBeanMethods = false)
class PaymentMessagingConfiguration {

    @Bean
    KafkaAdmin.NewTopics paymentTopics(MessagingTopics topics) {
        return topics.withDeadLetterTopics(PaymentMessages.COMMANDS, PaymentMessages.EVENTS);
    }
}
