package io.emporium.platform.messaging;

/**
 * A message that can never be processed successfully (malformed envelope, data that does not map, a request that
 * violates the consumer's rules for good). Thrown by the {@link MessageReader} or by handlers; the listener error
 * handler sends the record to the dead-letter topic {@code <topic>.DLT} at once, without retries. Anything else a
 * handler throws is retried with backoff first.
 */
public class InvalidMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
