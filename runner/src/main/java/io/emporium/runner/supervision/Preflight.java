package io.emporium.runner.supervision;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import io.emporium.runner.Workspace;
import io.emporium.runner.process.PortCheck;
import io.emporium.runner.topology.InfraPart;
import io.emporium.runner.topology.ServiceSpec;

/** What would make {@code up} fail at once, checked before anything starts: missing builds, ports in use. */
public final class Preflight {

    private Preflight() {
    }

    /** One readable sentence per problem; empty when the plan can start. */
    public static List<String> problems(Workspace workspace, SystemPlan plan) {
        List<String> problems = new ArrayList<>();
        for (ServiceSpec service : plan.services()) {
            if (!Files.isRegularFile(service.jar(workspace.home()))) {
                problems.add(workspace.home().relativize(service.jar(workspace.home())) + " is missing: build it with "
                        + "./mvnw -q -pl " + service.module() + " -am package -DskipTests (or skip it: --skip "
                        + service.name() + ")");
            }
        }
        if (plan.starts(InfraPart.KAFKA) && !Files.isDirectory(workspace.kafkaLib())) {
            problems.add("infra/kafka/target/lib is missing: build it with ./mvnw -q -pl infra/kafka package");
        }
        if (plan.starts(InfraPart.ZIPKIN) && !Files.isRegularFile(workspace.zipkinJar())) {
            problems.add("infra/zipkin/target/zipkin.jar is missing: build it with ./mvnw -q -pl infra/zipkin package");
        }
        var topology = plan.topology();
        if (plan.starts(InfraPart.POSTGRES)) {
            portFree(problems, topology.postgres().port(), "postgres");
        }
        if (plan.starts(InfraPart.KAFKA)) {
            portFree(problems, topology.kafka().port(), "kafka");
            portFree(problems, topology.kafka().controllerPort(), "kafka (controller)");
        }
        if (plan.starts(InfraPart.ZIPKIN)) {
            portFree(problems, topology.zipkin().port(), "zipkin");
        }
        for (ServiceSpec service : plan.services()) {
            portFree(problems, service.port(), service.name() + "#1");
        }
        return problems;
    }

    private static void portFree(List<String> problems, int port, String part) {
        if (PortCheck.inUse(port)) {
            problems.add("port " + port + " is already in use (needed by " + part + ")");
        }
    }
}
