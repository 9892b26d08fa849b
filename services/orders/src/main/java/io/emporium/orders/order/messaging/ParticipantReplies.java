package io.emporium.orders.order.messaging;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Objects;

import io.emporium.orders.order.application.OrderFulfilment;
import io.emporium.orders.order.model.OrderId;
import io.emporium.platform.messaging.IncomingMessage;
import io.emporium.platform.messaging.InvalidMessageException;
import io.emporium.platform.saga.ReplyVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The participants' replies, fed to the fulfilment saga (the handler of every reply type in the orders consumer's
 * table, {@link OrderMessagingConfiguration#participantReplies}). Each reply is applied at most once (the inbox row,
 * the saga's next state, the order's new events and the next commands commit together), and only when it checks out:
 * its subject (the envelope's order id) is the order id in its data, a saga exists for that order, and the saga
 * waits for exactly that reply. Anything else goes to {@code <topic>.DLT} at once, with the reason in Spring Kafka's
 * {@code kafka_dlt-exception-message} header ({@link InvalidMessageException}), among them a reply that comes after
 * its saga ended at a deadline. Two kinds of reply are expected and consumed without effect (DEBUG log): the
 * acknowledgements of compensations, and a repeated answer to a retriable step the saga has passed. Types the saga
 * does not know at all (a participant's new event) are skipped by the table, as everywhere.
 */
final class ParticipantReplies {

    private static final Logger log = LoggerFactory.getLogger(ParticipantReplies.class);

    private final OrderFulfilment fulfilment;

    ParticipantReplies(OrderFulfilment fulfilment) {
        this.fulfilment = fulfilment;
    }

    /**
     * Checks the reply against its envelope, outside the transaction; the effect offers it to the order's saga and
     * dead-letters it if the saga refuses it.
     */
    Runnable offer(IncomingMessage<?> reply) {
        OrderId orderId = orderIdOf(reply);
        return () -> {
            switch (fulfilment.onReply(orderId, reply.data())) {
                case ReplyVerdict.Apply applied -> log.debug("{} {} applied to the saga of order {}", reply.type(),
                        reply.id(), orderId);
                case ReplyVerdict.Ignore ignored -> log.debug("{} {} for order {} changes nothing: {}", reply.type(),
                        reply.id(), orderId, ignored.why());
                case ReplyVerdict.Refuse refused -> throw new InvalidMessageException(reply.type() + " " + reply.id()
                        + " for order " + orderId + " refused: " + refused.reason());
            }
        };
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
