package io.emporium.platform.test.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka records in Emporium's envelope, built by hand as another service's outbox relay would send them
 * (CloudEvents binary mode: {@code ce_*} headers, JSON value), with a chosen message id so that a test can deliver
 * the very same message twice.
 */
public final class CloudEventRecords {

    private CloudEventRecords() {
    }

    /**
     * @param source the publishing service ({@code ce_source})
     * @param key the record key, also the {@code ce_subject} (the order id, for every saga message)
     * @param id the message id ({@code ce_id}); the same id twice is a redelivery
     * @param customerId the acting customer ({@code ce_customerid}), or null for none
     */
    public static ProducerRecord<String, byte[]> cloudEvent(String source, String topic, String key, String type,
            Object data, String id, @Nullable String customerId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key,
                JsonMapper.shared().writeValueAsBytes(data));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_source", source);
        header(record, "ce_type", type);
        header(record, "ce_subject", key);
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");
        if (customerId != null) {
            header(record, "ce_customerid", customerId);
        }
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
