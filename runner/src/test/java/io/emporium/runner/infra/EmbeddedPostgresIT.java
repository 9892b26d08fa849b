package io.emporium.runner.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.TestPorts;
import io.emporium.runner.logs.RunnerLog;
import io.emporium.runner.process.Backoff;
import io.emporium.runner.process.PartState;
import io.emporium.runner.process.ProcessPart;
import io.emporium.runner.process.Processes;
import io.emporium.runner.process.Status;
import io.emporium.runner.topology.ServiceDatabase;

/**
 * A real PostgreSQL from embedded binaries, as the supervisor runs it: a service's database and login, durable
 * settings, data kept across a restart, and a postmaster killed with SIGKILL comes back by itself, with every
 * committed row.
 */
class EmbeddedPostgresIT {

    @TempDir
    Path dir;

    private final int port = TestPorts.free();
    private final ServiceDatabase shop = new ServiceDatabase("shop", "shop", "shop-dev-only");
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private EmbeddedPostgresPart postgres;

    @AfterEach
    void stop() {
        if (postgres != null) {
            postgres.stop();
        }
        scheduler.shutdownNow();
    }

    @Test
    void createsTheServiceDatabaseAndLoginAndKeepsDataAcrossRestarts() throws Exception {
        postgres = start();
        long postmaster = postgres.state().snapshot().pid();
        assertThat(postgres.state().snapshot().status()).isEqualTo(Status.READY);
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).hasValue(true);

        try (Connection connection = connectAs("shop", "shop-dev-only");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE product (id int PRIMARY KEY, name text)");
            statement.execute("INSERT INTO product VALUES (1, 'teapot')");
            try (ResultSet owner = statement.executeQuery("SELECT current_user, current_database()")) {
                owner.next();
                assertThat(owner.getString(1)).isEqualTo("shop");
                assertThat(owner.getString(2)).isEqualTo("shop");
            }
        }
        assertThatThrownBy(() -> connectAs("shop", "wrong password").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");

        postgres.stop();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        postgres = start();
        assertThat(selectTeapot()).isEqualTo("teapot");
    }

    @Test
    void listensOnTheLoopbackOnly() throws Exception {
        postgres = start();

        assertThat(java.nio.file.Files.readString(dir.resolve("data/postmaster.pid")))
                .contains("127.0.0.1").doesNotContain("0.0.0.0").doesNotContain("*\n");
    }

    @Test
    void runsWithDurableSettingsThatNoConfigurationFileCanTurnOff() throws Exception {
        postgres = start();
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", null); Statement statement = admin.createStatement()) {
            // what zonky's test defaults turn off, and a setting file trying to turn them off again
            statement.execute("ALTER SYSTEM SET fsync = off");
            statement.execute("ALTER SYSTEM SET synchronous_commit = off");
            statement.execute("SELECT pg_reload_conf()");
            Map<String, String[]> settings = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT name, setting, source FROM pg_settings WHERE name IN "
                    + "('fsync', 'synchronous_commit', 'full_page_writes', 'data_checksums', 'wal_level')")) {
                while (rows.next()) {
                    settings.put(rows.getString(1), new String[] { rows.getString(2), rows.getString(3) });
                }
            }

            assertThat(settings.get("fsync")).containsExactly("on", "command line");
            assertThat(settings.get("synchronous_commit")).containsExactly("on", "command line");
            assertThat(settings.get("full_page_writes")).containsExactly("on", "command line");
            assertThat(settings.get("data_checksums")[0]).isEqualTo("on");
            assertThat(settings.get("wal_level")[0]).isNotEqualTo("minimal");
        }
    }

    @Test
    void aKilledPostmasterIsRestartedWithEveryCommittedRow() throws Exception {
        postgres = start();
        try (Connection connection = connectAs("shop", "shop-dev-only");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE product (id int PRIMARY KEY, name text)");
            statement.execute("INSERT INTO product VALUES (1, 'teapot')");
        }
        long killed = postgres.state().snapshot().pid();

        Processes.signal(killed, "KILL");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(postgres.state().snapshot().status()).isEqualTo(Status.READY);
            assertThat(postgres.state().snapshot().pid()).isNotEqualTo(killed);
            assertThat(postgres.state().snapshot().restarts()).isEqualTo(1);
        });
        assertThat(selectTeapot()).isEqualTo("teapot");
    }

    private EmbeddedPostgresPart start() throws Exception {
        Path logFile = dir.resolve("postgres.log");
        RunnerLog log = new RunnerLog(new PrintStream(new ByteArrayOutputStream()));
        PostgresCluster cluster = new PostgresCluster(dir.resolve("cache"), dir.resolve("data"), port, logFile);
        ProcessPart server = new ProcessPart(new PartState("postgres", "postgres", 0, "infra", port, "postgres.log",
                () -> { }), List.of(port), cluster.launch(), cluster.readiness(), Duration.ofSeconds(120),
                Duration.ofSeconds(30), new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(30)),
                scheduler, log, logFile);
        EmbeddedPostgresPart part = new EmbeddedPostgresPart(server, cluster, List.of(shop), logFile, log);
        part.start();
        return part;
    }

    private String selectTeapot() throws SQLException {
        try (Connection connection = connectAs("shop", "shop-dev-only");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM product WHERE id = 1")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private Connection connectAs(String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/shop", user, password);
    }
}
