package io.emporium.platform.messaging.handler;

import java.util.function.Supplier;

import io.emporium.platform.messaging.Inbox;
import io.emporium.platform.messaging.IncomingMessage;
import io.emporium.platform.messaging.InvalidMessageException;
import io.emporium.platform.messaging.MessageReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Runs one {@link MessageHandlers} table on each record of its listener container, as its javadoc describes: type
 * once, skip, read and convert outside the transaction, then inbox and effect in one transaction.
 */
final class MessageDispatcher implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);

    private final MessageHandlers table;
    private final MessageReader reader;
    private final Inbox inbox;
    private final TransactionOperations transactions;

    MessageDispatcher(MessageHandlers table, MessageReader reader, Inbox inbox, TransactionOperations transactions) {
        this.table = table;
        this.reader = reader;
        this.inbox = inbox;
        this.transactions = transactions;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        String type = reader.typeOf(record);
        MessageHandlers.Route<?> route = table.route(type);
        if (route == null) {
            log.debug("{} skipped {} record {}-{}@{}: no handler for this type", table.consumer(), type,
                    record.topic(), record.partition(), record.offset());
            return;
        }
        handle(record, route);
    }

    private <T> void handle(ConsumerRecord<String, byte[]> record, MessageHandlers.Route<T> route) {
        IncomingMessage<T> message = reader.read(record, route.dataType());
        try {
            Runnable effect = deadLettering(message, () -> route.handler().prepare(message));
            transactions.executeWithoutResult(status -> inbox.processOnce(table.consumer(), message.id(),
                    () -> deadLettering(message, () -> {
                        effect.run();
                        return null;
                    })));
        }
        catch (Error error) {
            // an Error would stop the listener container; as a failure of this record it is retried, then
            // dead-lettered, and the record is never committed as handled
            throw new IllegalStateException(table.consumer() + " failed on " + message.type() + " " + message.id()
                    + " with " + error, error);
        }
    }

    /** Runs {@code step}, turning the exceptions the table dead-letters into {@link InvalidMessageException}. */
    private <R> R deadLettering(IncomingMessage<?> message, Supplier<R> step) {
        try {
            return step.get();
        }
        catch (InvalidMessageException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            if (table.deadLetters(ex)) {
                throw new InvalidMessageException(message.type() + " " + message.id() + " cannot be processed: "
                        + ex.getMessage(), ex);
            }
            throw ex;
        }
    }
}
