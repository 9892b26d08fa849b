package io.emporium.runner.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.emporium.runner.Workspace;
import io.emporium.runner.logs.LogQuery;
import io.emporium.runner.process.Processes;
import io.emporium.runner.supervision.Phase;
import io.emporium.runner.supervision.Preflight;
import io.emporium.runner.supervision.RunLock;
import io.emporium.runner.supervision.RunOptions;
import io.emporium.runner.supervision.SupervisorProcess;
import io.emporium.runner.supervision.SystemControl;
import io.emporium.runner.supervision.SystemPlan;
import io.emporium.runner.supervision.SystemState;
import io.emporium.runner.topology.InfraPart;
import io.emporium.runner.topology.Topology;
import io.emporium.runner.topology.TopologyLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code up}: starts the whole system through a detached supervisor and shows its progress. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Starts PostgreSQL, Kafka, Zipkin and every service of emporium.yaml on this machine, in "
                + "dependency order, each gated on its readiness.",
                "In the foreground (default) it then streams the merged logs; Ctrl-C stops everything.",
                "With -d it returns once everything is ready and leaves the system running."})
final class UpCommand implements Callable<Integer> {

    private static final Duration FAILED_STOP_TIMEOUT = Duration.ofSeconds(200);

    @Option(names = {"-d", "--detach"}, description = "Return once everything is ready; leave the system running.")
    boolean detach;

    @Option(names = "--external", description = "Use an existing PostgreSQL and Kafka instead of starting them.")
    boolean external;

    @Option(names = "--postgres-url", paramLabel = "URL", defaultValue = "${env:EMPORIUM_POSTGRES_URL}",
            description = "Admin URL of the external PostgreSQL, e.g. postgresql://postgres:secret@127.0.0.1:5432 "
                    + "(default: $EMPORIUM_POSTGRES_URL).")
    String postgresUrl;

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT", defaultValue = "${env:EMPORIUM_KAFKA_BOOTSTRAP}",
            description = "Bootstrap servers of the external Kafka (default: $EMPORIUM_KAFKA_BOOTSTRAP).")
    String kafkaBootstrap;

    @Option(names = "--skip", split = ",", arity = "1..*", paramLabel = "PART",
            description = "Parts not to start (services or infrastructure), e.g. --skip gateway.")
    List<String> skip = List.of();

    @Option(names = "--no-aot", description = "Do not train or use AOT caches (JDK 25+ uses them by default).")
    boolean noAot;

    @Option(names = "--scale", paramLabel = "SERVICE=N",
            description = {"Run N instances of a service (at least 1) instead of the instances that emporium.yaml "
                    + "gives it, e.g. --scale payments=2 --scale catalog=2. Further instances take the next free "
                    + "ports. Repeatable; ./emporium scale changes it while the system runs."})
    Map<String, Integer> scale = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Workspace workspace = Workspace.fromEnvironment();
        Topology topology = TopologyLoader.load(workspace.topologyFile());
        RunOptions options = new RunOptions(external, postgresUrl, kafkaBootstrap, new LinkedHashSet<>(skip), !noAot,
                scale);
        SystemPlan plan = SystemPlan.of(topology, options);
        SystemControl control = new SystemControl(workspace);
        if (control.supervisorPid().isPresent()) {
            System.err.println("emporium: Emporium is already running (supervisor pid "
                    + control.supervisorPid().getAsLong() + "): see ./emporium status, or stop it with ./emporium down");
            return 1;
        }
        if (RunLock.stale(workspace.lockFile()).isPresent() || control.state().isPresent()) {
            control.down(line -> out.println(line));
            new io.emporium.runner.supervision.StateFile(workspace.stateFile()).delete();
        }
        List<String> problems = Preflight.problems(workspace, plan);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("emporium: " + problem));
            return 1;
        }
        out.println("Starting Emporium (" + String.join(", ", plan.parts()) + ")");
        Process supervisor = control.launchSupervisor(options);
        Thread stopOnExit = new Thread(() -> {
            if (supervisor.isAlive()) {
                out.println();
                out.println("Stopping Emporium...");
                control.down(line -> out.println(line));
                out.println("Emporium stopped.");
            }
        }, "stop-on-exit");
        if (!detach) {
            Runtime.getRuntime().addShutdownHook(stopOnExit);
        }
        ProgressView progress = new ProgressView(out, Terminal.isInteractive());
        SystemState state = follow(control, supervisor, progress);
        if (state == null || state.phase() != Phase.READY) {
            return reportFailure(workspace, control, supervisor, state);
        }
        out.printf("Emporium is ready in %.1fs%n", progress.elapsedSeconds());
        printUrls(out, plan, topology);
        if (detach) {
            return 0;
        }
        out.println("Streaming logs; Ctrl-C stops everything.");
        LogPrinter.follow(workspace.logsDir(), LogQuery.all(), out, supervisor::isAlive);
        out.println("The supervisor exited; see var/logs/runner.jsonl");
        return 1;
    }

    /** Shows progress until the system is ready or failed; null when the supervisor exited without a state. */
    private static SystemState follow(SystemControl control, Process supervisor, ProgressView progress)
            throws InterruptedException {
        while (true) {
            Optional<SystemState> state = control.state()
                    .filter(candidate -> candidate.supervisorPid() == supervisor.pid());
            state.ifPresent(progress::update);
            if (state.isPresent() && state.get().isSettled()) {
                return state.get();
            }
            if (!supervisor.isAlive()) {
                return control.state().filter(candidate -> candidate.supervisorPid() == supervisor.pid()).orElse(null);
            }
            Thread.sleep(200);
        }
    }

    private static int reportFailure(Workspace workspace, SystemControl control, Process supervisor,
                                     SystemState state) {
        if (!Processes.awaitExit(supervisor.toHandle(), FAILED_STOP_TIMEOUT)) {
            control.down(line -> System.err.println(line));
        }
        if (!supervisor.isAlive() && supervisor.exitValue() == SupervisorProcess.ALREADY_RUNNING) {
            System.err.println("emporium: Emporium is already running: see ./emporium status");
            return 1;
        }
        SystemState last = control.state().filter(candidate -> candidate.supervisorPid() == supervisor.pid())
                .orElse(state);
        if (last != null && last.failure() != null) {
            List<String> report = FailureReport.lines(last);
            System.err.println("emporium: " + report.getFirst());
            report.stream().skip(1).forEach(System.err::println);
            System.err.println("Everything that was started has been stopped.");
        } else if (last != null && (last.phase() == Phase.STOPPING || last.phase() == Phase.STOPPED)) {
            System.err.println("emporium: stopped before everything was ready (./emporium down was run)");
        } else {
            System.err.println("emporium: the supervisor stopped unexpectedly; last lines of var/logs/runner.jsonl:");
            io.emporium.runner.logs.LogFiles.tail(workspace.logFile("runner.jsonl"), 20).forEach(System.err::println);
        }
        return 1;
    }

    private static void printUrls(PrintStream out, SystemPlan plan, Topology topology) {
        topology.service("gateway").filter(service -> plan.runs(service.name()))
                .ifPresent(gateway -> out.println("  gateway   http://127.0.0.1:" + gateway.port()));
        out.println("  console   http://127.0.0.1:8888 (not served yet)");
        if (plan.starts(InfraPart.ZIPKIN)) {
            out.println("  zipkin    http://127.0.0.1:" + topology.zipkin().port());
        }
        topology.discoveryService().filter(registry -> plan.runs(registry.name()))
                .ifPresent(registry -> out.println("  registry  http://127.0.0.1:" + registry.port()));
        topology.service("gateway").filter(service -> plan.runs(service.name()))
                .ifPresent(gateway -> out.println("Try: curl -s 'http://127.0.0.1:" + gateway.port()
                        + "/api/catalog/products?size=3'"));
        out.println("Status: ./emporium status   Logs: ./emporium logs --follow   Stop: ./emporium down");
    }
}
