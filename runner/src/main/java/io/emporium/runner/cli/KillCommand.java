package io.emporium.runner.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.emporium.runner.Workspace;
import io.emporium.runner.process.PartStatus;
import io.emporium.runner.process.Processes;
import io.emporium.runner.supervision.SystemState;
import io.emporium.runner.topology.TopologyLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kill}: one service instance killed at once (SIGKILL), as a crash would; the supervisor restarts it. */
@Command(name = "kill", mixinStandardHelpOptions = true,
        description = {"Kills one running service instance at once, as a crash would; the supervisor restarts it.",
                "SIGKILL: no graceful shutdown, as a crash or the OOM killer would; to see the system cope. The "
                        + "supervisor restarts the instance with backoff; status shows its restart count.",
                "  ./emporium kill payments      # its first instance",
                "  ./emporium kill payments#2    # its second instance"})
final class KillCommand implements Callable<Integer> {

    @CommandLine.Mixin
    CommandContext context;

    @Parameters(index = "0", paramLabel = "SERVICE[#n]",
            description = "A service instance as ./emporium status names it; SERVICE alone is its first instance.")
    String target;

    @Override
    public Integer call() {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        InstanceTarget instance = InstanceTarget.parse(target).orInstance(1);
        Workspace home = context.workspace();
        instance.requireService(TopologyLoader.load(home.topologyFile()));
        Optional<SystemState> state = InstanceTarget.runningState(home, err);
        if (state.isEmpty()) {
            return 1;
        }
        List<PartStatus> selected = instance.select(state.get());
        if (selected.isEmpty()) {
            return Problem.report(err, instance.whyNotReady(state.get()));
        }
        PartStatus part = selected.getFirst();
        Instant started = part.processStart() > 0 ? Instant.ofEpochMilli(part.processStart()) : null;
        Optional<ProcessHandle> process = part.pid() > 0 ? Processes.find(part.pid(), started) : Optional.empty();
        if (process.isEmpty()) {
            return Problem.report(err, part.id() + " has no running process (" + part.status().label() + ")");
        }
        process.get().destroyForcibly();
        out.println("killed " + part.id() + " (pid " + part.pid() + ") with SIGKILL; the supervisor restarts it "
                + "(see ./emporium status)");
        out.flush();
        return 0;
    }
}
