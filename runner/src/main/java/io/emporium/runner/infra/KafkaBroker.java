package io.emporium.runner.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.emporium.runner.logs.LogFiles;
import io.emporium.runner.process.PartFailure;
import io.emporium.runner.process.ProcessPart;
import io.emporium.runner.process.ProcessSpec;
import io.emporium.runner.topology.KafkaSpec;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one JVM), run from the classpath that module
 * {@code infra/kafka} assembles. Its storage under {@code directory/data} is formatted once, on first start; every
 * internal topic has replication factor 1.
 *
 * <p>Both listeners (clients and controller) bind, advertise and dial 127.0.0.1 only, in PLAINTEXT with no
 * authentication: loopback is this broker's security boundary. Nothing off the machine can reach it, and whoever
 * is on the machine can equally reach the local databases, whose DEV-ONLY passwords are public, so a SASL password
 * here would be one more public DEV-ONLY secret (docs/security.md). Production authenticates every client and
 * authorizes it per topic instead (deploy/kafka). {@code KafkaBrokerLoopbackTest} fails if any listener leaves
 * loopback.
 */
public final class KafkaBroker {

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(120);

    private final Path lib;
    private final Path directory;
    private final KafkaSpec spec;
    private final String java;
    private final Path logFile;

    public KafkaBroker(Path lib, Path directory, KafkaSpec spec, String java, Path logFile) {
        this.lib = lib;
        this.directory = directory.toAbsolutePath();
        this.spec = spec;
        this.java = java;
        this.logFile = logFile;
    }

    /** Writes the configuration, formats the storage if needed, and returns how to run the broker. */
    public ProcessPart.Launch launch() {
        return preparation -> {
            if (!Files.isDirectory(lib)) {
                throw new PartFailure("kafka", lib + " is missing: build it with ./mvnw -pl infra/kafka package",
                        List.of());
            }
            Path data = directory.resolve("data");
            Files.createDirectories(data);
            Path properties = directory.resolve("server.properties");
            Path log4j = directory.resolve("log4j2.properties");
            Files.writeString(properties, serverProperties(data));
            Files.writeString(log4j, LOG4J);
            if (!Files.exists(data.resolve("meta.properties"))) {
                int formatted = preparation.run(new ProcessSpec(List.of(java, "-Xmx128m", "-XX:+UseSerialGC",
                        "-Dlog4j2.configurationFile=" + log4j, "-cp", lib.resolve("*").toString(),
                        "kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", properties.toString()),
                        Map.of(), directory, logFile), FORMAT_TIMEOUT);
                if (formatted != 0) {
                    throw new PartFailure("kafka", "formatting the storage failed (exit " + formatted + ")",
                            LogFiles.tail(logFile, 20));
                }
            }
            return new ProcessSpec(List.of(java, "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k",
                    "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                    "-Dlog4j2.configurationFile=" + log4j, "-Dkafka.logs.dir=" + directory.resolve("logs"),
                    "-cp", lib.resolve("*").toString(), "kafka.Kafka", properties.toString()),
                    Map.of(), directory, logFile);
        };
    }

    String serverProperties(Path data) {
        String host = "127.0.0.1";
        return """
                # Written by the Emporium runner on every start: a single-node KRaft broker for local development.
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%1$s:%3$d
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%4$s
                num.partitions=3
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=10
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.retention.hours=168
                """.formatted(host, spec.port(), spec.controllerPort(), data);
    }

    private static final String LOG4J = """
            # Written by the Emporium runner: broker logs to stdout, which the runner appends to var/logs/kafka.log
            status = warn
            appender.stdout.type = Console
            appender.stdout.name = STDOUT
            appender.stdout.layout.type = PatternLayout
            appender.stdout.layout.pattern = %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5p %m (%c)%n
            rootLogger.level = INFO
            rootLogger.appenderRef.stdout.ref = STDOUT
            logger.kafka.name = kafka
            logger.kafka.level = INFO
            logger.org-apache-kafka.name = org.apache.kafka
            logger.org-apache-kafka.level = INFO
            logger.request.name = kafka.request.logger
            logger.request.level = WARN
            logger.state-change.name = state.change.logger
            logger.state-change.level = WARN
            """;

    /** A random cluster id the way Kafka makes one: 16 random bytes, URL-safe base64 without padding, no leading dash. */
    static String clusterId() {
        SecureRandom random = new SecureRandom();
        String id;
        do {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }
}
