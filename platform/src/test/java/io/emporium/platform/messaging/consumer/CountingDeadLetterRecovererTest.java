package io.emporium.platform.messaging.consumer;

import java.util.concurrent.CompletableFuture;

import io.emporium.platform.messaging.InvalidMessageException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** A dead letter is counted once its dead-letter topic acknowledged it, and never when that failed. */
class CountingDeadLetterRecovererTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DeadLetterCounter counter = new DeadLetterCounter(meters);
    private final ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("shop.orders", 0, 42, "order-1",
            new byte[0]);

    @Test
    void aDeadLetterTheTopicAcknowledgedIsCountedWithItsReason() {
        KafkaOperations<Object, Object> kafka = kafkaAnswering(CompletableFuture.completedFuture(null));
        CountingDeadLetterRecoverer recoverer = new CountingDeadLetterRecoverer(kafka, counter);
        counter.expect("shop.orders.DLT");

        recoverer.accept(record, null, new ListenerExecutionFailedException("listener failed",
                new IllegalStateException("stock service is down")));
        recoverer.accept(record, null, new ListenerExecutionFailedException("listener failed",
                new InvalidMessageException("no ce_type header")));

        assertThat(count("failed")).isEqualTo(1);
        assertThat(count("invalid")).isEqualTo(1);
    }

    @Test
    void aDeadLetterTheTopicDidNotTakeIsNotCounted() {
        KafkaOperations<Object, Object> kafka = kafkaAnswering(
                CompletableFuture.failedFuture(new TimeoutException("no broker")));
        CountingDeadLetterRecoverer recoverer = new CountingDeadLetterRecoverer(kafka, counter);
        counter.expect("shop.orders.DLT");

        assertThatThrownBy(() -> recoverer.accept(record, null, new IllegalStateException("boom")))
            .hasMessageContaining("shop.orders.DLT");

        assertThat(count("failed")).isZero();
    }

    private double count(String reason) {
        return meters.get(DeadLetterCounter.NAME).tag("topic", "shop.orders.DLT").tag("reason", reason).counter()
            .count();
    }

    @SuppressWarnings("unchecked")
    private static KafkaOperations<Object, Object> kafkaAnswering(CompletableFuture<?> answer) {
        KafkaOperations<Object, Object> kafka = mock(KafkaOperations.class);
        when(kafka.send(any(ProducerRecord.class)))
            .thenReturn((CompletableFuture<SendResult<Object, Object>>) answer);
        return kafka;
    }
}
