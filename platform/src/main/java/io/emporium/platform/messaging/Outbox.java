package io.emporium.platform.messaging;

/**
 * Transactional outbox: the way a service publishes messages.
 *
 * <p>{@link #publish} writes the message to the {@code outbox_message} table through the caller's JDBC connection,
 * so it commits or rolls back with the caller's state change; nothing is sent before the commit. After the commit
 * the outbox relay sends it to Kafka, retrying for as long as Kafka is unreachable, so a committed message is never
 * lost, and messages with the same topic and key arrive in commit order. Delivery is at least once: consumers
 * deduplicate with the {@link Inbox}.
 */
public interface Outbox {

    /**
     * Adds a message to the outbox in the current transaction ({@code Propagation.MANDATORY} semantics). Generates
     * the message id (a random UUID), the source (= {@code spring.application.name}) and the time, and keeps the
     * current span's W3C {@code traceparent}, so consumers continue the publisher's trace. Does not touch Kafka:
     * publishing succeeds while Kafka is down.
     *
     * @return the message id (the CloudEvents {@code id}, a UUID string)
     * @throws org.springframework.transaction.IllegalTransactionStateException if no transaction is active
     * @throws IllegalArgumentException if the data cannot be written as JSON
     */
    String publish(OutgoingMessage message);
}
