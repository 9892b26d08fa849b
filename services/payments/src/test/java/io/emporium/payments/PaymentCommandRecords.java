package io.emporium.payments;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds command records as the orders service's outbox relay sends them (CloudEvents binary mode: {@code ce_*}
 * headers, JSON value), with a chosen message id so tests can deliver the same message twice.
 */
final class PaymentCommandRecords {

    private PaymentCommandRecords() {
    }

    static ProducerRecord<String, byte[]> command(String topic, String orderId, String type, Object data,
            String messageId, @Nullable String customerId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, orderId,
                JsonMapper.shared().writeValueAsBytes(data));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", messageId);
        header(record, "ce_source", "orders");
        header(record, "ce_type", type);
        header(record, "ce_subject", orderId);
        header(record, "ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString());
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
