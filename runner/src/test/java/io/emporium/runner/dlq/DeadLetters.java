package io.emporium.runner.dlq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Dead letters as Spring Kafka's DeadLetterPublishingRecoverer writes them, for tests. */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** The headers of a dead letter of {@code topic}/{@code partition}/{@code offset}, after the CloudEvents ones. */
    public static List<Header> headers(String ceId, String ceType, String topic, int partition, long offset,
                                       String exceptionMessage) {
        List<Header> headers = new ArrayList<>();
        headers.add(text("ce_specversion", "1.0"));
        headers.add(text("ce_id", ceId));
        headers.add(text("ce_type", ceType));
        headers.add(text("ce_source", "/orders"));
        headers.add(text("ce_subject", "order-42"));
        headers.add(text("content-type", "application/json"));
        headers.add(text("kafka_dlt-original-topic", topic));
        headers.add(new RecordHeader("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(partition).array()));
        headers.add(new RecordHeader("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(offset).array()));
        headers.add(new RecordHeader("kafka_dlt-original-timestamp",
                ByteBuffer.allocate(8).putLong(1_767_261_600_000L).array()));
        headers.add(text("kafka_dlt-original-timestamp-type", "CreateTime"));
        headers.add(text("kafka_dlt-original-consumer-group", "notifications"));
        headers.add(text("kafka_dlt-exception-fqcn",
                "org.springframework.kafka.listener.ListenerExecutionFailedException"));
        headers.add(text("kafka_dlt-exception-message", exceptionMessage));
        headers.add(text("kafka_dlt-exception-stacktrace", "java.lang.IllegalStateException: boom\n\tat Somewhere"));
        return headers;
    }

    public static DeadLetter of(String ceId, String topic, long offset, long timestamp) {
        return of(ceId, "OrderPlaced", topic, offset, timestamp);
    }

    public static DeadLetter of(String ceId, String ceType, String topic, long offset, long timestamp) {
        return new DeadLetter(topic + ".DLT", 0, offset, timestamp, bytes("order-42"), bytes("{\"orderId\":\"o-1\"}"),
                headers(ceId, ceType, topic, 2, 100 + offset, "order has no customer\nsecond line"));
    }

    public static Header text(String key, String value) {
        return new RecordHeader(key, bytes(value));
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
