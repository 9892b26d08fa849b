package io.emporium.platform.messaging;

import java.time.Instant;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A received message, decoded from a CloudEvents binary-mode Kafka record by the {@link MessageReader}.
 *
 * @param id the message id: the same on every redelivery, so it is the {@link Inbox} key
 * @param type the CloudEvents type
 * @param source who published it ({@code spring.application.name} of the publisher)
 * @param subject what it is about
 * @param time when the publisher created it (not when it was sent)
 * @param customerId the acting customer, or null
 * @param data the payload
 * @param <T> the payload type
 */
public record IncomingMessage<T>(String id, String type, String source, String subject, Instant time,
        @Nullable String customerId, T data) {

    /**
     * Turns the data into what the handler works with (a command, a value object). A conversion that rejects the
     * data by throwing {@link IllegalArgumentException} or {@link NullPointerException} (a missing or malformed
     * field) makes the message invalid: it throws {@link InvalidMessageException}, so the message goes to the
     * dead-letter topic at once instead of being retried.
     */
    public <R> R convert(Function<? super T, R> conversion) {
        try {
            return conversion.apply(data);
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            throw new InvalidMessageException(type + " " + id + " is malformed: " + ex.getMessage(), ex);
        }
    }
}
