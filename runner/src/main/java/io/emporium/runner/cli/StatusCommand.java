package io.emporium.runner.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import io.emporium.runner.Workspace;
import io.emporium.runner.infra.KafkaProbe;
import io.emporium.runner.process.HttpReadiness;
import io.emporium.runner.process.PartStatus;
import io.emporium.runner.process.PortCheck;
import io.emporium.runner.process.Processes;
import io.emporium.runner.supervision.RunLock;
import io.emporium.runner.supervision.SystemControl;
import io.emporium.runner.supervision.SystemState;
import picocli.CommandLine.Command;

/** {@code status}: a table of every part with its live health; exit 1 when the system is not running. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows each part: instance, pid, port, health (asked now), uptime, restarts, resident memory.",
                "Exits 1 when the system is not running."})
final class StatusCommand implements Callable<Integer> {

    private static final String ROW = "%-14s %-8s %-6s %-9s %-9s %-9s %-8s %s%n";

    @Override
    public Integer call() {
        Workspace workspace = Workspace.fromEnvironment();
        SystemControl control = new SystemControl(workspace);
        OptionalLong supervisor = control.supervisorPid();
        Optional<SystemState> state = control.state();
        if (supervisor.isEmpty() || state.isEmpty()) {
            System.out.println("Emporium is not running.");
            RunLock.stale(workspace.lockFile()).ifPresent(pid -> System.out.println("Its supervisor (pid " + pid
                    + ") died; run ./emporium down to stop what it left running."));
            return 1;
        }
        SystemState system = state.get();
        System.out.printf("Emporium %s (supervisor pid %d, up %s)%n", system.phase().name().toLowerCase(),
                system.supervisorPid(), Durations.format(Duration.ofMillis(System.currentTimeMillis() - system.startedAt())));
        System.out.printf(ROW, "PART", "PID", "PORT", "HEALTH", "UPTIME", "RESTARTS", "RSS", "STATUS");
        for (PartStatus part : system.parts()) {
            boolean alive = part.pid() > 0 && ProcessHandle.of(part.pid()).map(ProcessHandle::isAlive).orElse(false);
            OptionalLong rss = alive ? Processes.rssKilobytes(part.pid()) : OptionalLong.empty();
            System.out.printf(ROW, part.id(),
                    part.pid() > 0 ? Long.toString(part.pid()) : "-",
                    part.port() > 0 ? Integer.toString(part.port()) : "-",
                    health(part),
                    part.startedAt() > 0 && alive
                            ? Durations.format(Duration.ofMillis(System.currentTimeMillis() - part.startedAt())) : "-",
                    part.restarts(),
                    rss.isPresent() ? rss.getAsLong() / 1024 + " MB" : "-",
                    part.status().label() + (part.message() == null ? "" : ": " + part.message()));
        }
        return 0;
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
