package io.emporium.runner.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.time.Duration;

import io.emporium.runner.logs.LogFiles;
import io.emporium.runner.logs.RunnerLog;
import io.emporium.runner.process.Part;
import io.emporium.runner.process.PartFailure;
import io.emporium.runner.process.PartState;
import io.emporium.runner.process.PortCheck;
import io.emporium.runner.process.Processes;
import io.emporium.runner.process.Status;
import io.emporium.runner.topology.ServiceDatabase;

/** The embedded PostgreSQL server as a part: started, provisioned with the services' databases, stopped last. */
public final class EmbeddedPostgresPart implements Part {

    private final PartState state;
    private final Path dataDirectory;
    private final int port;
    private final Path logFile;
    private final List<ServiceDatabase> databases;
    private final RunnerLog log;
    private EmbeddedPostgresServer server;
    private boolean stopped;

    public EmbeddedPostgresPart(PartState state, Path dataDirectory, int port, Path logFile,
                                List<ServiceDatabase> databases, RunnerLog log) {
        this.state = state;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.logFile = logFile;
        this.databases = List.copyOf(databases);
        this.log = log;
    }

    @Override
    public PartState state() {
        return state;
    }

    @Override
    public synchronized void start() throws PartFailure {
        if (stopped) {
            throw new PartFailure("postgres", "stopped while starting", List.of());
        }
        if (PortCheck.inUse(port)) {
            throw new PartFailure("postgres", "port " + port + " is already in use (needed by postgres)", List.of());
        }
        state.status(Status.STARTING, null);
        long started = System.nanoTime();
        try {
            server = EmbeddedPostgresServer.start(dataDirectory, port, logFile);
            server.pid().ifPresent(state::started);
            try (Connection admin = server.adminConnection()) {
                DatabaseProvisioner.provision(admin, databases);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            if (server == null) {
                EmbeddedPostgresServer.postmasterPid(dataDirectory).ifPresent(pid -> {
                    Processes.signal(pid, "INT");
                    ProcessHandle.of(pid).ifPresent(handle -> Processes.awaitExit(handle, Duration.ofSeconds(30)));
                });
            }
            throw new PartFailure("postgres", "cannot start: " + e.getMessage(), LogFiles.tail(logFile, 20));
        }
        log.info("postgres.provisioned", "postgres", "databases ready: "
                + String.join(", ", databases.stream().map(ServiceDatabase::name).toList()));
        state.ready(Optional.of((System.nanoTime() - started) / 1_000_000));
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        if (server == null) {
            return;
        }
        if (state.status() != Status.FAILED) {
            state.status(Status.STOPPING, null);
        }
        try {
            server.close();
        } catch (IOException e) {
            log.error("postgres.stop", "postgres", "stop failed: " + e.getMessage());
        }
        server = null;
        if (state.status() != Status.FAILED) {
            state.status(Status.STOPPED, null);
        }
    }
}
