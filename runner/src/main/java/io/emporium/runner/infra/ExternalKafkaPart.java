package io.emporium.runner.infra;

import java.time.Duration;
import java.util.List;

import io.emporium.runner.process.PartFailure;
import io.emporium.runner.process.PartState;

/** An existing Kafka cluster ({@code --external}): ready once its first bootstrap server answers. */
public final class ExternalKafkaPart extends ExternalPart {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;

    public ExternalKafkaPart(PartState state, String bootstrapServers) {
        super(state);
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    void check() throws PartFailure {
        long started = System.nanoTime();
        KafkaProbe probe = KafkaProbe.forBootstrap(bootstrapServers);
        while (!probe.isReady()) {
            if (System.nanoTime() - started > TIMEOUT.toNanos()) {
                throw new PartFailure("kafka", "no Kafka broker answers at " + bootstrapServers, List.of());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PartFailure("kafka", "interrupted", List.of());
            }
        }
    }
}
