package io.emporium.orders.order.messaging;

import java.util.Map;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.orders.order.application.OrderFulfilment;
import io.emporium.orders.order.model.OrderId;
import io.emporium.payments.api.PaymentMessages;
import io.emporium.platform.messaging.Inbox;
import io.emporium.platform.messaging.IncomingMessage;
import io.emporium.platform.messaging.InvalidMessageException;
import io.emporium.platform.messaging.MessageReader;
import io.emporium.shipping.api.ShippingMessages;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The participants' replies, fed to the fulfilment saga. Each reply is applied at most once (the inbox row, the
 * saga's next state, the order's new events and the next commands commit together); types the saga does not use
 * (e.g. the acknowledgements of compensations) are acknowledged and skipped.
 */
@Component
class ParticipantReplies {

    static final String CONSUMER = "orders";
    private static final Logger log = LoggerFactory.getLogger(ParticipantReplies.class);

    private final OrderFulfilment fulfilment;
    private final MessageReader reader;
    private final Inbox inbox;
    private final Map<String, Class<?>> replyTypes;

    ParticipantReplies(OrderFulfilment fulfilment, MessageReader reader, Inbox inbox) {
        this.fulfilment = fulfilment;
        this.reader = reader;
        this.inbox = inbox;
        this.replyTypes = fulfilment.replyTypes();
    }

    @KafkaListener(topics = { InventoryMessages.EVENTS, PaymentMessages.EVENTS, ShippingMessages.EVENTS },
            groupId = CONSUMER)
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        Class<?> type = replyTypes.get(reader.typeOf(record));
        if (type == null) {
            log.debug("skipping {} on {}: not a reply the saga waits for", reader.typeOf(record), record.topic());
            return;
        }
        IncomingMessage<?> reply = reader.read(record, type);
        OrderId orderId = orderIdOf(reply);
        inbox.processOnce(CONSUMER, reply.id(), () -> fulfilment.onReply(orderId, reply.data()));
    }

    private static OrderId orderIdOf(IncomingMessage<?> reply) {
        try {
            return OrderId.parse(reply.subject());
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            throw new InvalidMessageException("reply " + reply.id() + " has no order id as subject: " + reply.subject(), ex);
        }
    }
}
