package io.emporium.runner.dlq;

/** Kafka did not do what a dead-letter command needed (no answer in time, a topic is missing, a send failed). */
public final class DeadLetterQueueException extends RuntimeException {

    DeadLetterQueueException(String message) {
        super(message);
    }

    DeadLetterQueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
