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
import io.emporium.platform.messaging.Inbox;
import io.emporium.platform.messaging.IncomingMessage;
import io.emporium.platform.messaging.InvalidMessageException;
import io.emporium.platform.messaging.MessageReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells customers about their orders: {@code OrderPlaced}, {@code OrderConfirmed} and {@code OrderCancelled} from
 * {@link OrderMessages#EVENTS} become notifications; other event types are skipped.
 *
 * <p>Idempotent: the {@link Inbox} entry and the notification commit in one transaction, so a redelivered event
 * ({@code ce_id} seen before) records nothing new. An event whose data cannot make a notification (no order or
 * customer id) goes to {@code orders.order-events.DLT} at once ({@link InvalidMessageException}).
 */
@Component
class OrderEventsListener {

    /** The inbox consumer name. */
    static final String CONSUMER = "notifications";

    private static final Logger log = LoggerFactory.getLogger(OrderEventsListener.class);

    private final Notifier notifier;
    private final MessageReader reader;
    private final Inbox inbox;

    OrderEventsListener(Notifier notifier, MessageReader reader, Inbox inbox) {
        this.notifier = notifier;
        this.reader = reader;
        this.inbox = inbox;
    }

    @KafkaListener(topics = OrderMessages.EVENTS, groupId = "notifications")
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        String type = reader.typeOf(record);
        switch (type) {
            case OrderPlaced.TYPE -> handle(record, OrderPlaced.class, placed -> new OrderNews.Received(
                    new OrderId(placed.orderId()), new CustomerId(placed.customerId()),
                    placed.lines() == null ? 0 : placed.lines().stream().mapToLong(OrderMessages.Line::quantity).sum(),
                    placed.total(), placed.currency()));
            case OrderConfirmed.TYPE -> handle(record, OrderConfirmed.class, confirmed -> new OrderNews.Confirmed(
                    new OrderId(confirmed.orderId()), new CustomerId(confirmed.customerId()), confirmed.shipmentId()));
            case OrderCancelled.TYPE -> handle(record, OrderCancelled.class, cancelled -> new OrderNews.Cancelled(
                    new OrderId(cancelled.orderId()), new CustomerId(cancelled.customerId()), cancelled.reason()));
            default -> log.debug("Skipping {} record {}-{}@{}: nothing to tell the customer", type, record.topic(),
                    record.partition(), record.offset());
        }
    }

    private <T> void handle(ConsumerRecord<String, byte[]> record, Class<T> dataType, Function<T, OrderNews> toNews) {
        IncomingMessage<T> message = reader.read(record, dataType);
        OrderNews news = message.convert(toNews);
        if (!inbox.processOnce(CONSUMER, message.id(), () -> notifier.notify(message.id(), news))) {
            log.debug("Skipping {} {}: processed before", message.type(), message.id());
        }
    }
}
