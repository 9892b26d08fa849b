package io.emporium.platform.messaging.consumer;

import io.emporium.platform.messaging.InvalidMessageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the records this service dead-lettered: {@code emporium.messaging.dead_lettered{topic, reason}}, where
 * {@code topic} is the dead-letter topic ({@code <topic>.DLT}) and {@code reason} is {@value #INVALID} (the listener
 * rejected the message as invalid, {@link InvalidMessageException}: it went there at once) or {@value #FAILED}
 * (anything else: usually it failed on every attempt). Both tag sets are fixed, so the number of series stays at two
 * per dead-letter topic. Every declared dead-letter topic has both series from the start, at 0 ({@link #expect}), so
 * that {@code increase()} and alert rules see the very first dead letter. Thread-safe.
 */
final class DeadLetterCounter {

    static final String NAME = "emporium.messaging.dead_lettered";
    static final String INVALID = "invalid";
    static final String FAILED = "failed";

    private final MeterRegistry registry;

    DeadLetterCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the counters of {@code deadLetterTopic} at 0, before anything was dead-lettered there. */
    void expect(String deadLetterTopic) {
        counter(deadLetterTopic, INVALID);
        counter(deadLetterTopic, FAILED);
    }

    /** Counts one record that {@code deadLetterTopic} acknowledged, dead-lettered because of {@code exception}. */
    void deadLettered(String deadLetterTopic, Throwable exception) {
        counter(deadLetterTopic, reasonOf(exception)).increment();
    }

    /** {@value #INVALID} when an {@link InvalidMessageException} is anywhere in the cause chain, else {@value #FAILED}. */
    static String reasonOf(Throwable exception) {
        int depth = 0;
        for (Throwable cause = exception; cause != null && depth < 16; cause = cause.getCause(), depth++) {
            if (cause instanceof InvalidMessageException) {
                return INVALID;
            }
        }
        return FAILED;
    }

    private Counter counter(String deadLetterTopic, String reason) {
        return Counter.builder(NAME)
            .description("Records published to a dead-letter topic (./emporium dlq list shows them)")
            .tag("topic", deadLetterTopic)
            .tag("reason", reason)
            .register(registry);
    }
}
