package io.emporium.runner.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import io.emporium.runner.Workspace;
import io.emporium.runner.infra.KafkaProbe;
import io.emporium.runner.process.HttpReadiness;
import io.emporium.runner.process.PartStatus;
import io.emporium.runner.process.PortCheck;
import io.emporium.runner.process.Processes;
import io.emporium.runner.process.Status;
import io.emporium.runner.supervision.Phase;
import io.emporium.runner.supervision.RunLock;
import io.emporium.runner.supervision.SystemControl;
import io.emporium.runner.supervision.SystemState;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code status}: a table of every part with its live health; exit 1 when the system is not running. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows each part: instance, pid, port, health (asked now), uptime, restarts, resident memory.",
                "Exits 1 when the system is not running."})
final class StatusCommand implements Callable<Integer> {

    @CommandLine.Mixin
    CommandContext context;

    @Override
    public Integer call() {
        Workspace workspace = context.workspace();
        PrintWriter out = context.out();
        SystemControl control = new SystemControl(workspace);
        OptionalLong supervisor = control.supervisorPid();
        Optional<SystemState> state = control.state();
        long now = System.currentTimeMillis();
        if (supervisor.isEmpty() && state.filter(last -> last.phase() == Phase.FAILED).isPresent()) {
            SystemState failed = state.get();
            out.println("Emporium is not running: its last start failed.");
            FailureReport.lines(failed).forEach(out::println);
            table(failed.parts(), Machine.LIVE, now).lines().forEach(out::println);
            return 1;
        }
        if (supervisor.isEmpty() || state.isEmpty()) {
            out.println("Emporium is not running.");
            RunLock.stale(workspace.lockFile()).ifPresent(pid -> out.println("Its supervisor (pid " + pid
                    + ") died; run ./emporium down to stop what it left running."));
            return 1;
        }
        SystemState system = state.get();
        out.println(header(system, now));
        table(system.parts(), Machine.LIVE, now).lines().forEach(out::println);
        return 0;
    }

    /**
     * "Emporium ready (supervisor pid 7, up 5m)", or, while parts that were ready are not (a crashed part being
     * restarted), "Emporium degraded: postgres restarting (...)": a running system never reads as ready then.
     */
    static String header(SystemState system, long now) {
        String since = String.format("(supervisor pid %d, up %s)", system.supervisorPid(),
                Durations.format(Duration.ofMillis(now - system.startedAt())));
        List<String> down = system.phase() != Phase.READY ? List.of() : system.parts().stream()
                .filter(part -> part.status() != Status.READY)
                .map(part -> part.id() + " " + part.status().label()).toList();
        if (!down.isEmpty()) {
            return "Emporium degraded: " + String.join(", ", down) + " " + since;
        }
        return "Emporium " + system.phase().name().toLowerCase(java.util.Locale.ROOT) + " " + since;
    }

    /** One row per part, columns as wide as their content; what is asked of the machine comes from {@code machine}. */
    static Table table(List<PartStatus> parts, Machine machine, long now) {
        Table table = new Table("PART", "PID", "PORT", "HEALTH", "UPTIME", "RESTARTS", "RSS", "STATUS");
        for (PartStatus part : parts) {
            boolean alive = part.pid() > 0 && machine.isAlive(part.pid());
            OptionalLong rss = alive ? machine.rssKilobytes(part.pid()) : OptionalLong.empty();
            table.row(part.id(),
                    part.pid() > 0 ? Long.toString(part.pid()) : "-",
                    part.port() > 0 ? Integer.toString(part.port()) : "-",
                    part.port() > 0 ? machine.health(part) : "-",
                    part.startedAt() > 0 && alive ? Durations.format(Duration.ofMillis(now - part.startedAt())) : "-",
                    part.restarts(),
                    rss.isPresent() ? rss.getAsLong() / 1024 + " MB" : "-",
                    part.status().label() + (part.message() == null ? "" : ": " + part.message()));
        }
        return table;
    }

    /** What the table asks of this machine right now: whether a process lives, its memory, a part's health. */
    interface Machine {

        Machine LIVE = new Machine() {
            @Override
            public boolean isAlive(long pid) {
                return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            }

            @Override
            public OptionalLong rssKilobytes(long pid) {
                return Processes.rssKilobytes(pid);
            }

            @Override
            public String health(PartStatus part) {
                return StatusCommand.health(part);
            }
        };

        boolean isAlive(long pid);

        OptionalLong rssKilobytes(long pid);

        /** {@code UP}, {@code DOWN} or {@code NOT_READY}, asked on the part's port. */
        String health(PartStatus part);
    }

    private static String health(PartStatus part) {
        if (part.port() <= 0) {
            return "-";
        }
        return switch (part.name()) {
            case "postgres" -> PortCheck.accepts("127.0.0.1", part.port(), 500) ? "UP" : "DOWN";
            case "kafka" -> new KafkaProbe("127.0.0.1", part.port()).isReady() ? "UP" : "DOWN";
            case "zipkin" -> new HttpReadiness("http://127.0.0.1:" + part.port() + "/health").isReady() ? "UP" : "DOWN";
            default -> switch (new HttpReadiness("http://127.0.0.1:" + part.port() + "/actuator/health/readiness")
                    .status()) {
                case 200 -> "UP";
                case -1 -> "DOWN";
                default -> "NOT_READY";
            };
        };
    }
}
