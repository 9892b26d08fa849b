package io.emporium.platform.messaging.handler;

import io.emporium.platform.messaging.Inbox;
import io.emporium.platform.messaging.MessageReader;
import io.emporium.platform.messaging.schema.PlatformSchema;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs every {@link MessageHandlers} bean: one listener endpoint each, registered with Spring Kafka's endpoint
 * registrar on the default {@code kafkaListenerContainerFactory} (the platform's, see
 * {@code consumer.ConsumerAutoConfiguration}), so that its containers are in the {@code KafkaListenerEndpointRegistry}
 * like any {@code @KafkaListener}'s. Each table's transactions run on the service's transaction manager.
 */
@AutoConfiguration(afterName = { "io.emporium.platform.messaging.MessagingAutoConfiguration",
        "io.emporium.platform.messaging.inbox.InboxAutoConfiguration",
        "io.emporium.platform.messaging.consumer.ConsumerAutoConfiguration" })
@ConditionalOnClass(KafkaListenerConfigurer.class)
@ConditionalOnBean(PlatformSchema.class)
class MessageHandlersAutoConfiguration {

    @Bean
    KafkaListenerConfigurer messageHandlersEndpoints(ObjectProvider<MessageHandlers> tables,
            ObjectProvider<MessageReader> reader, ObjectProvider<Inbox> inbox,
            ObjectProvider<PlatformTransactionManager> transactionManager) {
        return registrar -> tables.orderedStream().forEach(table -> {
            MessageDispatcher dispatcher = new MessageDispatcher(table, reader.getObject(), inbox.getObject(),
                    new TransactionTemplate(transactionManager.getObject()));
            registrar.registerEndpoint(new MessageHandlersEndpoint(table, dispatcher));
        });
    }
}
