package io.emporium.runner.cli;

import java.io.PrintWriter;
import java.util.function.Function;

import io.emporium.runner.Workspace;
import io.emporium.runner.dlq.DeadLetterQueue;
import io.emporium.runner.dlq.DeadLetterQueueException;
import io.emporium.runner.infra.KafkaProbe;
import io.emporium.runner.topology.TopologyLoader;
import picocli.CommandLine.Option;

/** {@code --bootstrap} of the {@code dlq} commands, and running one against that Kafka. */
final class KafkaOptions {

    @Option(names = {"--bootstrap", "--kafka-bootstrap"}, paramLabel = "HOST:PORT",
            defaultValue = "${env:EMPORIUM_KAFKA_BOOTSTRAP}",
            description = "Kafka bootstrap servers (default: $EMPORIUM_KAFKA_BOOTSTRAP, else the kafka of "
                    + "emporium.yaml, 127.0.0.1:9092).")
    String bootstrap;

    /** The option, else {@code EMPORIUM_KAFKA_BOOTSTRAP}, else the broker of the workspace's topology. */
    String bootstrapServers(Workspace workspace) {
        if (bootstrap != null && !bootstrap.isBlank()) {
            return bootstrap.strip();
        }
        return TopologyLoader.load(workspace.topologyFile()).kafka().bootstrapServers();
    }

    /**
     * Runs {@code action} with the dead letters of the cluster. When no broker answers, or Kafka fails on the way
     * ({@link DeadLetterQueueException}), it says so in one line on stderr and returns 1.
     */
    int withQueue(CommandContext context, Function<DeadLetterQueue, Integer> action) {
        PrintWriter err = context.err();
        String servers = bootstrapServers(context.workspace());
        if (!probe(servers).isReady()) {
            return Problem.report(err, "no Kafka broker answers at " + servers
                    + " (is Emporium running? ./emporium status; or pass --bootstrap)");
        }
        try (DeadLetterQueue queue = DeadLetterQueue.connect(servers)) {
            return action.apply(queue);
        } catch (DeadLetterQueueException e) {
            return Problem.report(err, e.getMessage());
        }
    }

    private static KafkaProbe probe(String servers) {
        try {
            return KafkaProbe.forBootstrap(servers);
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("--bootstrap: expected HOST:PORT[,HOST:PORT...], got '" + servers + "'");
        }
    }
}
