package io.emporium.platform.messaging.handler;

import io.emporium.platform.messaging.IncomingMessage;

/**
 * Handles one message type of a {@link MessageHandlers} table in two steps: {@link #prepare} checks and converts the
 * message outside the transaction, and the effect it returns runs inside the table's transaction, at most once per
 * message id. Use it where the plain form {@code on(type, conversion, useCase)} is not enough: when the use case
 * needs the envelope (the message id, the subject) or the message must be checked against its envelope.
 *
 * @param <T> the data type of the message
 */
@FunctionalInterface
public interface MessageHandler<T> {

    /**
     * Checks and converts {@code message}, without side effects (it runs outside the transaction, and again on every
     * redelivery).
     *
     * @return the effect, run once per message id in the table's transaction, with the inbox row
     * @throws io.emporium.platform.messaging.InvalidMessageException (directly, or through
     *     {@link IncomingMessage#convert}) when the message can never be processed: it goes to the dead-letter topic
     *     at once
     */
    Runnable prepare(IncomingMessage<T> message);
}
