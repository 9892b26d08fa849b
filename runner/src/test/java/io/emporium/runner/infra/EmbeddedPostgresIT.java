package io.emporium.runner.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.TestPorts;
import io.emporium.runner.logs.RunnerLog;
import io.emporium.runner.process.PartState;
import io.emporium.runner.process.Status;
import io.emporium.runner.topology.ServiceDatabase;

/** A real PostgreSQL from embedded binaries: a service's database and login, kept across a restart. */
class EmbeddedPostgresIT {

    @TempDir
    Path dir;

    private final int port = TestPorts.free();
    private final ServiceDatabase shop = new ServiceDatabase("shop", "shop", "shop-dev-only");
    private EmbeddedPostgresPart postgres;

    @AfterEach
    void stop() {
        if (postgres != null) {
            postgres.stop();
        }
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
        try (Connection connection = connectAs("shop", "shop-dev-only");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM product WHERE id = 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("teapot");
        }
    }

    @Test
    void listensOnTheLoopbackOnly() throws Exception {
        postgres = start();

        assertThat(java.nio.file.Files.readString(dir.resolve("data/postmaster.pid")))
                .contains("127.0.0.1").doesNotContain("0.0.0.0").doesNotContain("*\n");
    }

    private EmbeddedPostgresPart start() throws Exception {
        EmbeddedPostgresPart part = new EmbeddedPostgresPart(
                new PartState("postgres", "postgres", 0, "infra", port, "postgres.log", () -> { }),
                dir.resolve("data"), port, dir.resolve("postgres.log"), List.of(shop),
                new RunnerLog(new PrintStream(new ByteArrayOutputStream())));
        part.start();
        return part;
    }

    private Connection connectAs(String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/shop", user, password);
    }
}
