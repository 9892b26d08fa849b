package io.emporium.platform.messaging.consumer;

import java.nio.charset.StandardCharsets;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.emporium.platform.messaging.IncomingMessage;
import io.emporium.platform.messaging.InvalidMessageException;
import io.emporium.platform.messaging.MessageEnvelope;
import io.emporium.platform.messaging.MessageReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads CloudEvents binary-mode records with the CloudEvents Kafka binding; the data with Jackson 3. */
final class CloudEventsMessageReader implements MessageReader {

    private final JsonMapper json;

    CloudEventsMessageReader(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String typeOf(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(MessageEnvelope.TYPE_HEADER);
        if (type == null || type.value() == null || type.value().length == 0) {
            throw new InvalidMessageException("Record " + describe(record) + " has no " + MessageEnvelope.TYPE_HEADER
                    + " header: it is not a CloudEvents binary-mode message");
        }
        return new String(type.value(), StandardCharsets.UTF_8);
    }

    @Override
    public <T> IncomingMessage<T> read(ConsumerRecord<String, byte[]> record, Class<T> dataType) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        }
        catch (RuntimeException ex) {
            throw new InvalidMessageException("Record " + describe(record)
                    + " is not a valid CloudEvents binary-mode message: " + ex.getMessage(), ex);
        }
        if (event.getSubject() == null || event.getTime() == null) {
            throw new InvalidMessageException("Message " + event.getId() + " (" + describe(record)
                    + ") lacks the subject or time every Emporium message has");
        }
        CloudEventData data = event.getData();
        if (data == null) {
            throw new InvalidMessageException("Message " + event.getId() + " (" + describe(record) + ") has no data");
        }
        T value;
        try {
            value = json.readValue(data.toBytes(), dataType);
        }
        catch (JacksonException ex) {
            throw new InvalidMessageException("The data of message " + event.getId() + " (" + event.getType() + ", "
                    + describe(record) + ") does not map to " + dataType.getName() + ": " + ex.getOriginalMessage(),
                    ex);
        }
        if (value == null) {
            throw new InvalidMessageException("Message " + event.getId() + " (" + describe(record)
                    + ") has null data");
        }
        Object customer = event.getExtension(MessageEnvelope.CUSTOMER_ID_EXTENSION);
        return new IncomingMessage<>(event.getId(), event.getType(), event.getSource().toString(), event.getSubject(),
                event.getTime().toInstant(), customer == null ? null : customer.toString(), value);
    }

    private static String describe(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
