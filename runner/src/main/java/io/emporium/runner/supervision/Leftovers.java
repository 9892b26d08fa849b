package io.emporium.runner.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.emporium.runner.Workspace;
import io.emporium.runner.infra.PostgresCluster;
import io.emporium.runner.process.PartStatus;
import io.emporium.runner.process.Processes;

/**
 * Cleans up after a supervisor that is gone (killed, crashed): stops the processes recorded in the state file,
 * services first (reverse start order), then infrastructure, then a PostgreSQL postmaster still running on
 * {@code var/postgres} (its {@code postmaster.pid}). A recorded pid is only signalled if the process still has the
 * recorded start time, so a reused pid is never hit.
 */
public final class Leftovers {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private Leftovers() {
    }

    /** @return a line per process it stopped */
    public static List<String> clean(Workspace workspace, Optional<SystemState> state, Consumer<String> progress) {
        List<String> stopped = new ArrayList<>();
        List<PartStatus> parts = new ArrayList<>(state.map(SystemState::parts).orElse(List.of()));
        java.util.Collections.reverse(parts);
        for (PartStatus part : parts) {
            if (part.pid() <= 0 || part.name().equals("postgres")) {
                continue;
            }
            Instant started = part.processStart() > 0 ? Instant.ofEpochMilli(part.processStart()) : null;
            Processes.find(part.pid(), started).ifPresent(process -> {
                progress.accept("stopping " + part.id() + " (pid " + part.pid() + ")");
                boolean killed = Processes.terminate(process, GRACE);
                stopped.add(part.id() + " (pid " + part.pid() + (killed ? ", killed)" : ")"));
            });
        }
        PostgresCluster.postmasterPid(workspace.postgresData()).ifPresent(pid ->
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .filter(handle -> handle.info().command().map(command -> command.contains("postgres"))
                                .orElse(true))
                        .ifPresent(postmaster -> {
                            progress.accept("stopping postgres (pid " + pid + ")");
                            Processes.signal(pid, "INT");
                            boolean exited = Processes.awaitExit(postmaster, GRACE);
                            if (!exited) {
                                postmaster.destroyForcibly();
                                Processes.awaitExit(postmaster, Duration.ofSeconds(10));
                            }
                            stopped.add("postgres (pid " + pid + (exited ? ")" : ", killed)"));
                        }));
        return stopped;
    }
}
