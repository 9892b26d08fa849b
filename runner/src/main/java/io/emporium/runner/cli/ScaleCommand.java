package io.emporium.runner.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.emporium.runner.Workspace;
import io.emporium.runner.process.PartStatus;
import io.emporium.runner.process.Status;
import io.emporium.runner.supervision.SystemControl;
import io.emporium.runner.supervision.SystemPlan;
import io.emporium.runner.supervision.SystemState;
import io.emporium.runner.topology.TopologyLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scale}: how many instances of a service run, changed while the system runs. */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Changes how many instances of a service run while the system runs, and waits until that is "
                + "done:",
                "  ./emporium scale payments=3",
                "Missing instances start on the next free ports and count as started once ready (and listed by "
                        + "the registry); extra ones, the highest-numbered first, stop gracefully (deregistering "
                        + "first). The change lasts until the system is stopped; to start with it, use the --scale "
                        + "option of up."})
final class ScaleCommand implements Callable<Integer> {

    private static final Pattern REQUEST = Pattern.compile("([a-z][a-z0-9-]*)=(-?\\d{1,4})");
    private static final Duration POLL = Duration.ofMillis(250);

    @CommandLine.Mixin
    CommandContext context;

    @Parameters(index = "0", paramLabel = "SERVICE=N", description = "A service and its number of instances, "
            + "at least 1.")
    String request;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "300s",
            description = "How long to wait for the change (default: ${DEFAULT-VALUE}); it goes on after that.")
    String timeout;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        Matcher matcher = REQUEST.matcher(request.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected SERVICE=N, e.g. payments=3; was '" + request + "'");
        }
        String service = matcher.group(1);
        int instances = Integer.parseInt(matcher.group(2));
        Duration wait = Durations.parse(timeout);
        Workspace home = context.workspace();
        SystemPlan.requireScalable(TopologyLoader.load(home.topologyFile()), service, instances);
        SystemControl control = new SystemControl(home);
        SystemControl.ScaleChange change;
        try {
            change = control.requestScale(service, instances);
        } catch (IllegalStateException e) {
            return Problem.report(err, e.getMessage());
        }
        if (change.starting().isEmpty() && change.stopping().isEmpty()) {
            out.println(service + " runs " + instances + " instance" + (instances == 1 ? "" : "s") + " already");
        } else {
            out.println("scaling " + service + " to " + instances
                    + (change.starting().isEmpty() ? "" : ": starting " + String.join(", ", change.starting()))
                    + (change.stopping().isEmpty() ? "" : ": stopping " + String.join(", ", change.stopping())));
        }
        out.flush();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<SystemState> state = control.supervisorPid().isPresent() ? control.state() : Optional.empty();
            if (state.isEmpty()) {
                return Problem.report(err, "the system stopped while scaling " + service);
            }
            List<PartStatus> parts = new InstanceTarget(service, 0).instancesOfService(state.get());
            List<PartStatus> failed = parts.stream()
                    .filter(part -> change.starting().contains(part.id()) && part.status() == Status.FAILED).toList();
            if (!failed.isEmpty()) {
                printInstances(out, parts);
                failed.forEach(part -> err.println("emporium: " + part.id() + " failed: " + part.message()
                        + (part.log() == null ? "" : " (see " + part.log() + ")")));
                err.flush();
                return 1;
            }
            boolean started = change.starting().stream().allMatch(id -> parts.stream()
                    .anyMatch(part -> part.id().equals(id) && part.status() == Status.READY));
            boolean stopped = parts.stream().noneMatch(part -> change.stopping().contains(part.id()));
            if (started && stopped) {
                printInstances(out, parts);
                return 0;
            }
            if (System.nanoTime() > deadline) {
                printInstances(out, parts);
                return Problem.report(err, "not done within " + Durations.format(wait)
                        + "; the supervisor goes on: see ./emporium status");
            }
            Thread.sleep(POLL);
        }
    }

    private static void printInstances(PrintWriter out, List<PartStatus> parts) {
        StatusCommand.table(parts, StatusCommand.Machine.LIVE, System.currentTimeMillis()).lines()
                .forEach(out::println);
        out.flush();
    }
}
