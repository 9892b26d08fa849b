package io.emporium.runner.infra;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.emporium.runner.logs.LogFiles;
import io.emporium.runner.logs.RunnerLog;
import io.emporium.runner.process.Part;
import io.emporium.runner.process.PartFailure;
import io.emporium.runner.process.PartState;
import io.emporium.runner.process.ProcessPart;
import io.emporium.runner.process.Status;
import io.emporium.runner.topology.ServiceDatabase;

/**
 * The embedded PostgreSQL server as a part: a supervised process (restarted with backoff when it dies, like every
 * other part), provisioned with the services' databases and logins once it is first ready, stopped last.
 */
public final class EmbeddedPostgresPart implements Part {

    private final ProcessPart server;
    private final PostgresCluster cluster;
    private final List<ServiceDatabase> databases;
    private final java.nio.file.Path logFile;
    private final RunnerLog log;

    /** @param server the postmaster process, launched with {@code cluster.launch()} and ready by {@code cluster.readiness()} */
    public EmbeddedPostgresPart(ProcessPart server, PostgresCluster cluster, List<ServiceDatabase> databases,
                                java.nio.file.Path logFile, RunnerLog log) {
        this.server = server;
        this.cluster = cluster;
        this.databases = List.copyOf(databases);
        this.logFile = logFile;
        this.log = log;
    }

    @Override
    public PartState state() {
        return server.state();
    }

    @Override
    public void start() throws PartFailure {
        server.start();
        try (Connection admin = cluster.admin()) {
            DatabaseProvisioner.provision(admin, databases);
        } catch (SQLException e) {
            server.stop();
            state().status(Status.FAILED, "cannot create the services' databases: " + e.getMessage());
            throw new PartFailure("postgres", "cannot create the services' databases: " + e.getMessage(),
                    LogFiles.tail(logFile, 20));
        }
        log.info("postgres.provisioned", "postgres", "databases ready: "
                + String.join(", ", databases.stream().map(ServiceDatabase::name).toList()));
    }

    @Override
    public void stop() {
        server.stop();
    }
}
