package io.emporium.runner.dlq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One record of a dead-letter topic, as Spring Kafka's {@code DeadLetterPublishingRecoverer} writes it: the failed
 * record's key, value and headers (the CloudEvents {@code ce_*} attributes among them), plus {@code kafka_dlt-*}
 * headers naming where it came from and why it failed. Text accessors return {@code null} for a missing header.
 *
 * @param topic     the dead-letter topic, {@code orders.order-events.DLT}
 * @param timestamp epoch millis of the dead letter (when it was dead-lettered)
 * @param key       the original key, or {@code null}
 * @param value     the original value, or {@code null}
 * @param headers   in record order
 */
public record DeadLetter(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                         List<Header> headers) {

    /** Suffix of a dead-letter topic: {@code orders.order-events.DLT} holds those of {@code orders.order-events}. */
    public static final String SUFFIX = ".DLT";

    /** Prefix of the headers Spring Kafka adds when it dead-letters a record. */
    public static final String DLT_HEADER_PREFIX = "kafka_dlt-";

    public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    public static final String ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";
    public static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    public static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";

    /** Header a replayed record carries: the {@link #position()} of the dead letter it was replayed from. */
    public static final String REPLAYED_FROM = "emporium-replayed-from";

    public DeadLetter {
        headers = List.copyOf(headers);
    }

    /** The dead-letter topic of {@code topic}, or {@code topic} itself when it is one. */
    public static String deadLetterTopicOf(String topic) {
        return topic.endsWith(SUFFIX) ? topic : topic + SUFFIX;
    }

    /** Where this dead letter is, {@code <dlt>/<partition>/<offset>}: the key of its replay in the ledger. */
    public String position() {
        return topic + "/" + partition + "/" + offset;
    }

    public Instant time() {
        return Instant.ofEpochMilli(timestamp);
    }

    /** The last header of that name as UTF-8 text, or {@code null}. */
    public String header(String name) {
        byte[] bytes = headerBytes(name);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    public String ceId() {
        return header(ID);
    }

    public String ceType() {
        return header(TYPE);
    }

    /** The order (or other aggregate) it is about: its {@code ce_subject}, else its key as text, else {@code null}. */
    public String subject() {
        String subject = header(SUBJECT);
        return subject != null || key == null ? subject : new String(key, StandardCharsets.UTF_8);
    }

    /** Whether it is a compensation or a finalization, which leave an order stuck, from its {@code ce_type}. */
    public DeadLetterKind kind() {
        return DeadLetterKind.of(ceType());
    }

    /** The topic the record failed on, where a replay goes; {@code null} when Spring Kafka did not dead-letter it. */
    public String originalTopic() {
        return header(ORIGINAL_TOPIC);
    }

    /** The original partition, or {@code null}; Spring Kafka writes it as a 4-byte big-endian int. */
    public Long originalPartition() {
        return number(headerBytes(ORIGINAL_PARTITION));
    }

    /** The original offset, or {@code null}; Spring Kafka writes it as an 8-byte big-endian long. */
    public Long originalOffset() {
        return number(headerBytes(ORIGINAL_OFFSET));
    }

    /** Epoch millis of the original record, or {@code null}. */
    public Long originalTimestamp() {
        return number(headerBytes(ORIGINAL_TIMESTAMP));
    }

    /** {@code <original topic>/<partition>/<offset>}, as much of it as the headers tell, or {@code null}. */
    public String originalPosition() {
        String original = originalTopic();
        if (original == null) {
            return null;
        }
        Long originalPartition = originalPartition();
        Long originalOffset = originalOffset();
        return originalPartition == null || originalOffset == null ? original
                : original + "/" + originalPartition + "/" + originalOffset;
    }

    /** The exception's message, every line of it, or {@code null}. */
    public String exceptionMessage() {
        return header(EXCEPTION_MESSAGE);
    }

    public String exceptionClass() {
        return header(EXCEPTION_FQCN);
    }

    /**
     * The headers of the replayed record: the original ones in their order, without Spring Kafka's {@code kafka_dlt-*}
     * headers and without an earlier {@value #REPLAYED_FROM}, then {@value #REPLAYED_FROM} naming this dead letter.
     * The CloudEvents headers are kept as they are, so the replay has the same {@code ce_id} as the original and a
     * consumer that already processed it skips it.
     */
    public List<Header> replayHeaders() {
        List<Header> kept = new ArrayList<>();
        for (Header header : headers) {
            if (!header.key().startsWith(DLT_HEADER_PREFIX) && !header.key().equals(REPLAYED_FROM)) {
                kept.add(header);
            }
        }
        kept.add(new RecordHeader(REPLAYED_FROM, position().getBytes(StandardCharsets.UTF_8)));
        return List.copyOf(kept);
    }

    private byte[] headerBytes(String name) {
        byte[] found = null;
        for (Header header : headers) {
            if (header.key().equals(name)) {
                found = header.value();
            }
        }
        return found;
    }

    /** A number as Spring Kafka writes it, 4 or 8 big-endian bytes; {@code null} for anything else. */
    static Long number(byte[] bytes) {
        if (bytes != null && bytes.length == Long.BYTES) {
            return ByteBuffer.wrap(bytes).getLong();
        }
        if (bytes != null && bytes.length == Integer.BYTES) {
            return (long) ByteBuffer.wrap(bytes).getInt();
        }
        return null;
    }
}
