package io.emporium.runner.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.TestPorts;
import io.emporium.runner.Workspace;
import io.emporium.runner.logs.RunnerLog;
import io.emporium.runner.process.Backoff;
import io.emporium.runner.process.Part;
import io.emporium.runner.topology.Topology;
import io.emporium.runner.topology.TopologyLoader;

/** Which instances and ports the supervisor is given (nothing is started). */
class AssemblyTest {

    @TempDir
    Path home;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void givesScaledInstancesTheNextFreePortsAndTakesThemBackWhenRemoved() {
        int[] free = TestPorts.free(6);
        int registry = free[4];
        int payments = free[5];
        Topology topology = TopologyLoader.parse("""
                infrastructure:
                  postgres: { port: %d }
                  kafka:    { port: %d, controller_port: %d }
                  zipkin:   { port: %d }
                discovery: registry
                services:
                  registry: { port: %d, registers: false }
                  payments: { port: %d }
                """.formatted(free[0], free[1], free[2], free[3], registry, payments));
        SystemPlan plan = SystemPlan.of(topology, new RunOptions(false, null, null,
                Set.of("postgres", "kafka", "zipkin"), false, Map.of("payments", 2)));

        List<Supervisor.Group> groups = new Assembly(new Workspace(home), plan, () -> { }, scheduler,
                new RunnerLog(new PrintStream(new ByteArrayOutputStream())), Backoff.standard()).groups();

        assertThat(groups).extracting(Supervisor.Group::name).containsExactly("registry", "payments");
        assertThat(groups.getFirst().scaling()).as("the discovery service cannot be scaled").isEmpty();
        Supervisor.Group group = groups.get(1);
        List<Integer> ports = group.parts().stream().map(part -> part.state().snapshot().port()).toList();
        assertThat(group.parts()).extracting(part -> part.state().id()).containsExactly("payments#1", "payments#2");
        assertThat(ports.getFirst()).isEqualTo(payments);
        assertThat(ports.get(1)).isGreaterThan(payments).isNotEqualTo(registry);

        Supervisor.Scaling scaling = group.scaling().orElseThrow();
        Part third = scaling.create(3);
        int thirdPort = third.state().snapshot().port();
        assertThat(third.state().id()).isEqualTo("payments#3");
        assertThat(thirdPort).isGreaterThan(ports.get(1));

        scaling.release(third);
        assertThat(scaling.create(3).state().snapshot().port()).isEqualTo(thirdPort);
    }
}
