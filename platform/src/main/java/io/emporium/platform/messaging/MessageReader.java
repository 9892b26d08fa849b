package io.emporium.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes the Kafka records of Emporium messages (CloudEvents binary mode: {@code ce_*} headers, JSON value).
 * Thread-safe.
 */
public interface MessageReader {

    /**
     * The CloudEvents type of a record, read from its {@code ce_type} header without decoding the data, so that a
     * listener can dispatch first and decode into the right class afterwards.
     *
     * @throws InvalidMessageException if the record has no type header
     */
    String typeOf(ConsumerRecord<String, byte[]> record);

    /**
     * Decodes the whole message with its data as {@code dataType} (Jackson 3, the application's {@code JsonMapper}).
     *
     * @throws InvalidMessageException (not retryable: the record goes to the dead-letter topic at once) if the
     *     record is not a valid envelope, lacks id, source, type, subject, time or data, or if the data does not
     *     map to {@code dataType}
     */
    <T> IncomingMessage<T> read(ConsumerRecord<String, byte[]> record, Class<T> dataType);
}
