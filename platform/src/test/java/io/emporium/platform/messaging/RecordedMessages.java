package io.emporium.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/** What test listeners received, in arrival order, with the trace id that was current in the listener. */
public final class RecordedMessages {

    /** One received record. */
    public record Received(ConsumerRecord<String, byte[]> record, @Nullable String traceId) {

        public @Nullable String header(String name) {
            Header header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        public String id() {
            return Objects.requireNonNull(header(MessageEnvelope.ID_HEADER), "ce_id");
        }
    }

    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    public void add(ConsumerRecord<String, byte[]> record, @Nullable String traceId) {
        received.add(new Received(record, traceId));
    }

    public List<Received> on(String topic) {
        return received.stream().filter(r -> r.record().topic().equals(topic)).toList();
    }

    /** Values (as text) received on {@code topic} for {@code key}, in arrival order. */
    public List<String> values(String topic, String key) {
        return on(topic).stream()
            .filter(r -> key.equals(r.record().key()))
            .map(r -> new String(r.record().value(), StandardCharsets.UTF_8))
            .collect(Collectors.toList());
    }

    public @Nullable Received withId(String topic, String id) {
        return on(topic).stream().filter(r -> id.equals(r.header(MessageEnvelope.ID_HEADER))).findFirst().orElse(null);
    }
}
