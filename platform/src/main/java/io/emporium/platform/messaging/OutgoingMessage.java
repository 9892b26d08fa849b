package io.emporium.platform.messaging;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A message to publish: written to the outbox in the caller's transaction, sent to Kafka after commit by the relay.
 *
 * @param topic the Kafka topic, a past-tense noun such as {@code orders.order-placed}
 * @param key the record key, normally the aggregate id: messages with the same key (on the same topic) are
 *     delivered in the order their transactions committed
 * @param type the CloudEvents type, for example {@code OrderPlaced}; consumers dispatch on it
 * @param subject the CloudEvents subject, what the message is about (usually the aggregate id again)
 * @param data the payload, written as JSON with the application's Jackson 3 {@code JsonMapper}
 * @param customerId the acting customer (an id, never a token), sent as the {@code customerid} extension; or null
 */
public record OutgoingMessage(String topic, String key, String type, String subject, Object data,
        @Nullable String customerId) {

    /** @throws NullPointerException if anything but {@code customerId} is null */
    public OutgoingMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
    }
}
