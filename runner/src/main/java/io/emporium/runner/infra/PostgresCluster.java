package io.emporium.runner.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

import io.emporium.runner.logs.LogFiles;
import io.emporium.runner.process.PartFailure;
import io.emporium.runner.process.ProcessPart;
import io.emporium.runner.process.ProcessSpec;
import io.emporium.runner.process.Readiness;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * A PostgreSQL cluster in a data directory, run as a child process of the supervisor: {@code bin/postgres} itself,
 * not {@code pg_ctl}, so that the supervisor sees the postmaster exit and restarts it like any other part. The
 * binaries come from {@link PostgresBinaries}; the cluster is created with {@code initdb} on first start (into a
 * temporary directory, renamed when complete), with data checksums on.
 *
 * <p>Every server setting the runner cares about is passed on the command line ({@link #SETTINGS}): those win over
 * {@code postgresql.conf} and {@code ALTER SYSTEM}, so no configuration file can quietly make commits non-durable.
 * See docs/adr/0004-durable-local-storage.md. As root, PostgreSQL refuses to run; as zonky does, the runner then runs
 * {@code initdb} and {@code postgres} through {@code unshare -U}, where root is an unprivileged user. Password
 * authentication is required for every user but the local {@code postgres} superuser.
 */
public final class PostgresCluster {

    /**
     * The server settings, passed as {@code -c name=value}. The durability ones are PostgreSQL's own defaults, stated
     * so that they show as set on the command line in {@code pg_settings} (zonky, meant for tests, runs with
     * {@code fsync} and {@code synchronous_commit} off).
     */
    public static final Map<String, String> SETTINGS = settings();

    static final String PG_HBA = """
            # Written by the Emporium runner on every start. DEV ONLY.
            # The superuser is trusted on the loopback; every service user must give its password.
            host  all postgres 127.0.0.1/32   trust
            host  all postgres ::1/128        trust
            host  all all      127.0.0.1/32   scram-sha-256
            host  all all      ::1/128        scram-sha-256
            """;

    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(3);

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        // durability: a commit is acknowledged only once its WAL is on disk, and a crash mid-write cannot tear a page
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("full_page_writes", "on");
        // reachable on the loopback only, over TCP only (no socket file in a shared /tmp)
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("unix_socket_directories", "");
        // nine services with a pool of ten each, scaled instances, tests and tools
        settings.put("max_connections", "300");
        settings.put("timezone", "UTC");
        return Map.copyOf(settings);
    }

    private final Path cache;
    private final Path dataDirectory;
    private final int port;
    private final Path logFile;

    /**
     * @param cache         where the binaries are unpacked ({@link PostgresBinaries#defaultCache})
     * @param dataDirectory the cluster; created on first start, kept across restarts
     */
    public PostgresCluster(Path cache, Path dataDirectory, int port, Path logFile) {
        this.cache = cache;
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.port = port;
        this.logFile = logFile;
    }

    /** Unpacks the binaries if needed, creates the cluster if needed, writes pg_hba.conf, returns the postmaster. */
    public ProcessPart.Launch launch() {
        return preparation -> {
            Path binaries;
            try {
                binaries = PostgresBinaries.prepare(cache);
            }
            catch (IOException e) {
                throw new PartFailure("postgres", "cannot unpack the PostgreSQL binaries into " + cache + ": " + e,
                        List.of());
            }
            if (!Files.isRegularFile(dataDirectory.resolve("PG_VERSION"))) {
                initdb(binaries, preparation);
            }
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), PG_HBA);
            List<String> command = new ArrayList<>(asUnprivileged(binaries.resolve("bin/postgres")));
            command.addAll(List.of("-D", dataDirectory.toString(), "-p", Integer.toString(port)));
            SETTINGS.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
            return new ProcessSpec(command, Map.of(), dataDirectory, logFile, "INT");
        };
    }

    /** {@code initdb} into a sibling directory, renamed to the data directory only when it succeeded. */
    private void initdb(Path binaries, ProcessPart.Preparation preparation) throws IOException, PartFailure {
        Path fresh = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".initdb");
        deleteIfPresent(fresh);
        Files.createDirectories(dataDirectory.getParent());
        List<String> command = new ArrayList<>(asUnprivileged(binaries.resolve("bin/initdb")));
        command.addAll(List.of("-A", "trust", "-U", "postgres", "-D", fresh.toString(), "-E", "UTF-8",
                "--data-checksums"));
        int exit = preparation.run(new ProcessSpec(command, Map.of(), dataDirectory.getParent(), logFile),
                INITDB_TIMEOUT);
        if (exit != 0) {
            throw new PartFailure("postgres", "initdb failed (exit " + exit + ")", LogFiles.tail(logFile, 20));
        }
        if (Files.exists(dataDirectory)) {
            // a directory without PG_VERSION holds no cluster: nothing of value, but keep it aside rather than delete
            Files.move(dataDirectory, dataDirectory.resolveSibling(dataDirectory.getFileName() + ".incomplete-"
                    + System.currentTimeMillis()));
        }
        Files.move(fresh, dataDirectory, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteIfPresent(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var walk = Files.walk(directory)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** PostgreSQL refuses to run as root: then it runs in a user namespace where root is nobody (as zonky does). */
    private static List<String> asUnprivileged(Path executable) {
        return LinuxUtils.isUnshareAvailable() ? List.of("unshare", "-U", executable.toString())
                : List.of(executable.toString());
    }

    /** Ready when the superuser can log in and run a query. */
    public Readiness readiness() {
        return new Readiness() {
            @Override
            public boolean isReady() {
                try (Connection connection = admin(); Statement statement = connection.createStatement()) {
                    return statement.execute("select 1");
                }
                catch (SQLException e) {
                    return false;
                }
            }

            @Override
            public String toString() {
                return "a query on 127.0.0.1:" + port;
            }
        };
    }

    /** A superuser connection to the {@code postgres} database (2 s to connect, 30 s per statement). */
    public Connection admin() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "30");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
    }

    public int port() {
        return port;
    }

    /** The pid in a data directory's {@code postmaster.pid}, if the file exists. */
    public static OptionalLong postmasterPid(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.getFirst().strip()));
        }
        catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
