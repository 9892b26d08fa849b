package io.emporium.notifications.notification.messaging;

import java.util.function.Function;

import io.emporium.notifications.notification.application.Notifier;
import io.emporium.notifications.notification.model.CustomerId;
import io.emporium.notifications.notification.model.OrderId;
import io.emporium.notifications.notification.model.OrderNews;
import io.emporium.orders.api.OrderMessages;
import io.emporium.orders.api.OrderMessages.OrderCancelled;
import io.emporium.orders.api.OrderMessages.OrderConfirmed;
import io.emporium.orders.api.OrderMessages.OrderPlaced;
import io.emporium.platform.messaging.MessagingTopics;
import io.emporium.platform.messaging.handler.MessageHandler;
import io.emporium.platform.messaging.handler.MessageHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topic notifications consumes, with its dead-letter twin, created at start if missing; and which order events
 * become which news for the customer.
 */
@Configuration(proxyBeanMethods = false)
class NotificationMessagingConfiguration {

    @Bean
    KafkaAdmin.NewTopics orderEventTopics(MessagingTopics topics) {
        return topics.withDeadLetterTopics(OrderMessages.EVENTS);
    }

    /**
     * {@code OrderPlaced}, {@code OrderConfirmed} and {@code OrderCancelled} from {@link OrderMessages#EVENTS} become
     * notifications; other event types are skipped. The inbox row and the notification commit in one transaction, so
     * a redelivered event records nothing new. An event whose data cannot make a notification (no order or customer
     * id) goes to {@code orders.order-events.DLT} at once.
     */
    @Bean
    MessageHandlers orderEvents(Notifier notifier) {
        return MessageHandlers.consumer("notifications").topics(OrderMessages.EVENTS)
            .on(OrderPlaced.class, notify(notifier, placed -> new OrderNews.Received(new OrderId(placed.orderId()),
                    new CustomerId(placed.customerId()),
                    placed.lines() == null ? 0 : placed.lines().stream().mapToLong(OrderMessages.Line::quantity).sum(),
                    placed.total(), placed.currency())))
            .on(OrderConfirmed.class, notify(notifier, confirmed -> new OrderNews.Confirmed(
                    new OrderId(confirmed.orderId()), new CustomerId(confirmed.customerId()), confirmed.shipmentId())))
            .on(OrderCancelled.class, notify(notifier, cancelled -> new OrderNews.Cancelled(
                    new OrderId(cancelled.orderId()), new CustomerId(cancelled.customerId()), cancelled.reason())))
            .build();
    }

    /** Tells the customer the news an event makes; the event's id names the notification. */
    private static <T> MessageHandler<T> notify(Notifier notifier, Function<? super T, OrderNews> toNews) {
        return message -> {
            OrderNews news = message.convert(toNews);
            return () -> notifier.notify(message.id(), news);
        };
    }
}
