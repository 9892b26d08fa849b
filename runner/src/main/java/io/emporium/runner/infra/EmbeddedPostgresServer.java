package io.emporium.runner.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import io.emporium.runner.process.Processes;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries zonky ships in Maven artifacts, bound to 127.0.0.1, its data kept in
 * {@code dataDirectory} across restarts. As root, zonky runs {@code initdb} and {@code pg_ctl} through
 * {@code unshare -U}. Password authentication is required for every user but the local {@code postgres} superuser.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final String PG_HBA = """
            # Written by the Emporium runner on every start. DEV ONLY.
            # The superuser is trusted on the loopback; every service user must give its password.
            local all postgres                trust
            host  all postgres 127.0.0.1/32   trust
            host  all postgres ::1/128        trust
            host  all all      127.0.0.1/32   scram-sha-256
            host  all all      ::1/128        scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** Starts the server (running initdb first when the directory holds no cluster) and waits until it accepts. */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Path logFile) throws IOException {
        Files.createDirectories(dataDirectory.getParent());
        Files.createDirectories(logFile.getParent());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setDataDirectoryCustomizer(directory -> writeHba(directory.toPath()))
                .start();
        return new EmbeddedPostgresServer(postgres, dataDirectory);
    }

    private static void writeHba(Path directory) {
        try {
            Files.writeString(directory.resolve("pg_hba.conf"), PG_HBA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The postmaster's pid, from {@code postmaster.pid}. */
    public OptionalLong pid() {
        return postmasterPid(dataDirectory);
    }

    /** The pid in a data directory's {@code postmaster.pid}, if the file exists. */
    public static OptionalLong postmasterPid(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A superuser connection to the {@code postgres} database. */
    public Connection adminConnection() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    public int port() {
        return postgres.getPort();
    }

    /** Fast shutdown ({@code pg_ctl stop -m fast}), then waits until the postmaster has exited; the data stays. */
    @Override
    public void close() throws IOException {
        OptionalLong pid = pid();
        postgres.close();
        pid.ifPresent(postmaster -> ProcessHandle.of(postmaster)
                .ifPresent(handle -> Processes.awaitExit(handle, Duration.ofSeconds(30))));
    }
}
