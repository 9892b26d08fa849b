package io.emporium.orders.order.messaging;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.orders.order.application.OrderFulfilment;
import io.emporium.orders.order.model.OrderId;
import io.emporium.orders.saga.model.ReplyVerdict;
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
 * saga's next state, the order's new events and the next commands commit together), and only when it checks out:
 * its subject (the envelope's order id) is the order id in its data, a saga exists for that order, and the saga
 * waits for exactly that reply. Anything else goes to {@code <topic>.DLT} at once, with the reason in Spring Kafka's
 * {@code kafka_dlt-exception-message} header ({@link InvalidMessageException}), among them a reply that comes after
 * its saga ended at a deadline. Two kinds of reply are expected and consumed without effect (DEBUG log): the
 * acknowledgements of compensations, and a repeated answer to a retriable step the saga has passed. Types the saga
 * does not know at all (a participant's new event) are skipped, as everywhere.
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
            log.debug("skipping {} on {}: not a message the saga knows", reader.typeOf(record), record.topic());
            return;
        }
        IncomingMessage<?> reply = reader.read(record, type);
        OrderId orderId = orderIdOf(reply);
        inbox.processOnce(CONSUMER, reply.id(), () -> {
            switch (fulfilment.onReply(orderId, reply.data())) {
                case ReplyVerdict.Apply applied -> log.debug("{} {} applied to the saga of order {}", reply.type(),
                        reply.id(), orderId);
                case ReplyVerdict.Ignore ignored -> log.debug("{} {} for order {} changes nothing: {}", reply.type(),
                        reply.id(), orderId, ignored.why());
                case ReplyVerdict.Refuse refused -> throw new InvalidMessageException(reply.type() + " " + reply.id()
                        + " for order " + orderId + " refused: " + refused.reason());
            }
        });
    }

    /** The order the reply is about: its subject, which must be the order id its data names. */
    private static OrderId orderIdOf(IncomingMessage<?> reply) {
        OrderId subject;
        try {
            subject = OrderId.parse(reply.subject());
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            throw new InvalidMessageException("reply " + reply.id() + " has no order id as subject: " + reply.subject(), ex);
        }
        String named = orderIdInData(reply.data());
        if (!reply.subject().equals(named)) {
            throw new InvalidMessageException(reply.type() + " " + reply.id() + " refused: its subject " + subject
                    + " is not the order its data names (" + named + ")");
        }
        return subject;
    }

    /** The {@code orderId} every reply record of the participants' contracts carries, or null. */
    private static String orderIdInData(Object data) {
        RecordComponent[] components = data.getClass().getRecordComponents();
        RecordComponent orderId = components == null ? null : Arrays.stream(components)
                .filter(component -> component.getName().equals("orderId")).findFirst().orElse(null);
        if (orderId == null) {
            throw new InvalidMessageException(data.getClass().getName() + " names no orderId");
        }
        try {
            return Objects.toString(orderId.getAccessor().invoke(data), null);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("cannot read the orderId of " + data.getClass().getName(), ex);
        }
    }
}
