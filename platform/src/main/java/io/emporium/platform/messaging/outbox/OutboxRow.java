package io.emporium.platform.messaging.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.emporium.platform.messaging.MessageEnvelope;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/** One unsent message as stored in {@code outbox_message}. */
record OutboxRow(long id, UUID messageId, String topic, String key, String type, String source, String subject,
        @Nullable String customerId, @Nullable String traceparent, byte[] payload, OffsetDateTime createdAt) {

    static final String COLUMNS = "id, message_id, topic, message_key, type, source, subject, customer_id, traceparent,"
            + " payload, created_at";

    static OutboxRow map(ResultSet row, int rowNumber) throws SQLException {
        return new OutboxRow(row.getLong(1), row.getObject(2, UUID.class), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                row.getBytes(10), row.getObject(11, OffsetDateTime.class));
    }

    /** Ordering is per topic and key: rows of one such stream must not overtake each other. */
    String stream() {
        return topic + '\u0000' + key;
    }

    /** The CloudEvents binary-mode record (see {@link MessageEnvelope}); the same on every attempt. */
    ProducerRecord<String, byte[]> toRecord() {
        CloudEventBuilder event = CloudEventBuilder.v1()
            .withId(messageId.toString())
            .withSource(URI.create(source))
            .withType(type)
            .withSubject(subject)
            .withTime(createdAt)
            .withData(MessageEnvelope.CONTENT_TYPE, payload);
        if (customerId != null) {
            event.withExtension(MessageEnvelope.CUSTOMER_ID_EXTENSION, customerId);
        }
        if (traceparent != null) {
            event.withExtension(MessageEnvelope.TRACEPARENT_EXTENSION, traceparent);
        }
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.<String>createWriter(topic, key)
            .writeBinary(event.build());
        if (traceparent != null) {
            record.headers().add(MessageEnvelope.TRACEPARENT_HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
