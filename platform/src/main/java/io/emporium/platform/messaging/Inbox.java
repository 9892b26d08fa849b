package io.emporium.platform.messaging;

/**
 * Idempotent consumer: remembers which messages a consumer has processed, in the consumer's own database.
 *
 * <p>Because the outbox delivers at least once, and Kafka redelivers after a crash or rebalance, every listener that
 * changes state wraps its effect in {@link #processOnce}, inside the transaction of that change. A
 * {@link io.emporium.platform.messaging.handler.MessageHandlers} table does this for its use cases.
 */
public interface Inbox {

    /**
     * Runs {@code effect} in the current transaction ({@code Propagation.MANDATORY}) only if {@code (consumer,
     * messageId)} was not processed before, recording it in the same transaction. If the effect throws, the
     * exception propagates and, once the transaction rolls back, the message counts as not processed, so a
     * redelivery runs the effect again (do not catch the exception inside the transaction and commit). Two
     * concurrent deliveries of the same message run the effect once: the second waits for the first to commit.
     * A duplicate increments the {@code emporium.inbox.duplicates} counter.
     *
     * @param consumer a stable name of the consuming use case, e.g. {@code inventory.reserve-stock}; the same message
     *     may be processed once per consumer
     * @param messageId the message id ({@link IncomingMessage#id()})
     * @return whether the effect ran (false: a duplicate)
     * @throws org.springframework.transaction.IllegalTransactionStateException if no transaction is active
     */
    boolean processOnce(String consumer, String messageId, Runnable effect);
}
