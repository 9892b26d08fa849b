package io.emporium.runner.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.emporium.runner.TestPorts;
import io.emporium.runner.logs.RunnerLog;
import io.emporium.runner.process.Backoff;
import io.emporium.runner.process.PartState;
import io.emporium.runner.process.ProcessPart;
import io.emporium.runner.topology.KafkaSpec;

/**
 * The real broker JVM of infra/kafka on free ports, run as the runner runs it (a supervised {@link ProcessPart}), for
 * tests that need a broker. Close it to stop the broker.
 */
public final class TestBroker implements AutoCloseable {

    private final KafkaSpec spec;
    private final PartState state;
    private final ProcessPart part;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    private TestBroker(Path dir) {
        Path lib = TestPorts.home().resolve("infra/kafka/target/lib");
        assertThat(lib).as("the broker's classpath; build it with ./mvnw -pl infra/kafka package").isDirectory();
        int[] ports = TestPorts.free(2);
        spec = new KafkaSpec(ports[0], ports[1]);
        Path logFile = dir.resolve("kafka.log");
        state = new PartState("kafka", "kafka", 0, "infra", spec.port(), "kafka.log", () -> { });
        part = new ProcessPart(state, List.of(spec.port(), spec.controllerPort()),
                new KafkaBroker(lib, dir.resolve("kafka"), spec, TestPorts.java(), logFile).launch(),
                new KafkaProbe("127.0.0.1", spec.port()), Duration.ofSeconds(120), Duration.ofSeconds(30),
                Backoff.standard(), scheduler, new RunnerLog(new PrintStream(new ByteArrayOutputStream())), logFile);
    }

    /** Starts a broker with its data and log under {@code dir}; returns once it is ready (stopped again if not). */
    public static TestBroker start(Path dir) throws Exception {
        TestBroker broker = new TestBroker(dir);
        try {
            broker.part.start();
        } catch (Exception | AssertionError e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public KafkaSpec spec() {
        return spec;
    }

    public PartState state() {
        return state;
    }

    public String bootstrapServers() {
        return spec.bootstrapServers();
    }

    @Override
    public void close() {
        part.stop();
        scheduler.shutdownNow();
    }
}
