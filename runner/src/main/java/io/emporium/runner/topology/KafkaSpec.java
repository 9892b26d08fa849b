package io.emporium.runner.topology;

/** The single-node KRaft Kafka broker: {@code port} for clients, {@code controllerPort} for its own controller. */
public record KafkaSpec(int port, int controllerPort) {

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }
}
