package io.emporium.runner.cli;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.emporium.runner.Workspace;
import io.emporium.runner.supervision.RunOptions;
import io.emporium.runner.supervision.SupervisorProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Hidden: the detached supervisor that {@code up} starts. Not meant to be run by hand. */
@Command(name = "supervise", hidden = true, mixinStandardHelpOptions = true,
        description = "Runs the supervisor in this process (started by `up`; stops on POST /down or SIGTERM).")
final class SuperviseCommand implements Callable<Integer> {

    @Option(names = "--external")
    boolean external;

    @Option(names = "--kafka-bootstrap")
    String kafkaBootstrap;

    @Option(names = "--skip", split = ",")
    List<String> skip = List.of();

    @Option(names = "--no-aot")
    boolean noAot;

    @Option(names = "--scale")
    Map<String, Integer> scale = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        RunOptions options = new RunOptions(external, System.getenv("EMPORIUM_POSTGRES_URL"), kafkaBootstrap,
                new LinkedHashSet<>(skip), !noAot, scale);
        return SupervisorProcess.run(Workspace.fromEnvironment(), options);
    }
}
