package io.emporium.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.TestPorts;
import io.emporium.runner.auth.FakeAuthorizationServer;
import io.emporium.runner.process.Status;
import picocli.CommandLine;

/** {@code ./emporium loglevel} against a {@link FakeAdminSystem} whose two instances are orders'. */
class LogLevelCommandTest {

    private static final String LOGGER = "io.emporium.orders";

    private FakeAdminSystem system;
    private FakeAuthorizationServer identity;
    private FakeActuator orders1;
    private FakeActuator orders2;
    private CommandHarness emporium;

    @BeforeEach
    void startTheFakeSystem(@TempDir Path home) throws Exception {
        system = new FakeAdminSystem(home, "orders", """
                discovery: registry
                services:
                  registry: { port: 18761, registers: false }
                  orders:   { port: 18082, instances: 2 }
                  gateway:  { port: 18080 }
                """);
        identity = system.identity;
        orders1 = system.first;
        orders2 = system.second;
        emporium = system.emporium;
    }

    @AfterEach
    void stopTheFakeSystem() throws Exception {
        system.close();
    }

    @Test
    void setsTheLevelOnEveryRunningInstanceWithAnAdminsToken() {
        int exit = run("loglevel", "orders", LOGGER, "debug");

        assertThat(exit).as(emporium.err()).isZero();
        assertThat(emporium.out().lines().toList()).containsExactly(
                "orders#1 io.emporium.orders DEBUG (effective DEBUG)",
                "orders#2 io.emporium.orders DEBUG (effective DEBUG)");
        for (FakeActuator instance : List.of(orders1, orders2)) {
            assertThat(instance.posts()).containsExactly(
                    "/actuator/loggers/io.emporium.orders {\"configuredLevel\":\"DEBUG\"}");
        }
        assertThat(emporium.err().lines().toList()).containsExactly(
                "as admin (DEV ONLY demo password) at " + identity.issuer());
    }

    @Test
    void resetsTheLevelToWhatTheServiceIsConfiguredWith() {
        orders1.configure(LOGGER, "TRACE");
        orders2.configure(LOGGER, "TRACE");

        int exit = run("loglevel", "orders", LOGGER, "--reset");

        assertThat(exit).as(emporium.err()).isZero();
        assertThat(orders1.posts()).containsExactly("/actuator/loggers/io.emporium.orders {\"configuredLevel\":null}");
        assertThat(orders2.posts()).containsExactly("/actuator/loggers/io.emporium.orders {\"configuredLevel\":null}");
        assertThat(emporium.out().lines().toList()).containsExactly(
                "orders#1 io.emporium.orders not set (effective INFO)",
                "orders#2 io.emporium.orders not set (effective INFO)");
    }

    @Test
    void withoutALevelShowsEachInstancesLevelAndChangesNothing() {
        orders2.configure(LOGGER, "WARN");

        int exit = run("loglevel", "orders", LOGGER);

        assertThat(exit).as(emporium.err()).isZero();
        assertThat(emporium.out().lines().toList()).containsExactly(
                "orders#1 io.emporium.orders not set (effective INFO)",
                "orders#2 io.emporium.orders WARN (effective WARN)");
        assertThat(orders1.posts()).isEmpty();
        assertThat(orders2.posts()).isEmpty();
    }

    @Test
    void rejectsAnInvalidLevelBeforeAskingAnyone() {
        int exit = run("loglevel", "orders", LOGGER, "LOUD");

        assertThat(exit).isEqualTo(2);
        assertThat(emporium.err().lines().toList()).containsExactly(
                "emporium: not a log level: 'LOUD' (one of TRACE, DEBUG, INFO, WARN, ERROR, OFF)");
        assertThat(identity.requests()).isEmpty();
        assertThat(orders1.requests()).isEmpty();
        assertThat(run("loglevel", "orders", LOGGER, "DEBUG", "--reset")).isEqualTo(2);
        assertThat(emporium.err()).contains("emporium: give a LEVEL or --reset, not both");
    }

    @Test
    void namesAnUnknownServiceAndTheKnownOnes() {
        int exit = run("loglevel", "ordres", LOGGER, "DEBUG");

        assertThat(exit).isEqualTo(2);
        assertThat(emporium.err().lines().toList()).containsExactly(
                "emporium: unknown service 'ordres' (services: registry, orders, gateway)");
        assertThat(identity.requests()).isEmpty();
    }

    @Test
    void saysWhenTheSystemOrTheServiceIsNotRunning() throws Exception {
        writeState(Status.RESTARTING, Status.FAILED);
        assertThat(run("loglevel", "orders", LOGGER, "DEBUG")).isEqualTo(1);
        assertThat(emporium.err().lines().toList()).containsExactly(
                "emporium: orders is not running (orders#1 restarting, orders#2 failed)");

        emporium.forgetErr();
        assertThat(run("loglevel", "gateway", LOGGER, "DEBUG")).isEqualTo(1);
        assertThat(emporium.err().lines().toList()).containsExactly(
                "emporium: gateway is not running (not started by ./emporium up)");

        emporium.forgetErr();
        emporium.stopSupervisor();
        assertThat(run("loglevel", "orders", LOGGER, "DEBUG")).isEqualTo(1);
        assertThat(emporium.err().lines().toList()).containsExactly(
                "emporium: Emporium is not running; start it with ./emporium up");
        assertThat(identity.requests()).isEmpty();
    }

    @Test
    void setsTheInstancesThatRunAndFailsForTheOthers() throws Exception {
        writeState(Status.READY, Status.RESTARTING);

        int exit = run("loglevel", "orders", LOGGER, "ERROR");

        assertThat(exit).isEqualTo(1);
        assertThat(emporium.out().lines().toList()).containsExactly(
                "orders#1 io.emporium.orders ERROR (effective ERROR)");
        assertThat(emporium.err()).contains("emporium: orders#2 skipped: restarting");
        assertThat(orders2.requests()).isEmpty();
    }

    @Test
    void saysInOneLineWhenIdentityIsNotReachable() {
        String nowhere = "http://127.0.0.1:" + TestPorts.free();

        int exit = emporium.run("loglevel", "orders", LOGGER, "DEBUG", "--issuer", nowhere);

        assertThat(exit).isEqualTo(1);
        assertThat(emporium.err().lines().toList()).containsExactly(
                "emporium: identity is not running at " + nowhere + "; start the system with ./emporium up");
        assertThat(orders1.requests()).isEmpty();
    }

    @Test
    void saysWhenTheServiceRefusesTheTokenOfAUserWhoIsNoAdmin() {
        int exit = run("loglevel", "orders", LOGGER, "DEBUG", "--user", "alice");

        assertThat(exit).isEqualTo(1);
        assertThat(emporium.err().lines().toList()).containsExactly(
                "as alice (DEV ONLY demo password) at " + identity.issuer(),
                "emporium: orders#1: the token was refused (HTTP 403): is alice an admin?");
        assertThat(orders1.posts()).isEmpty();
        assertThat(emporium.out()).isEmpty();
    }

    @Test
    void goesOnWithTheNextInstanceWhenOneDoesNotAnswer() {
        orders1.close();

        int exit = run("loglevel", "orders", LOGGER, "INFO");

        assertThat(exit).isEqualTo(1);
        assertThat(emporium.err()).contains("emporium: orders#1 does not answer at 127.0.0.1:" + orders1.port());
        assertThat(emporium.out().lines().toList()).containsExactly("orders#2 io.emporium.orders INFO (effective INFO)");
    }

    @Test
    void saysWhenAServiceDoesNotExposeItsLoggers() {
        orders1.hide();
        orders2.hide();

        assertThat(run("loglevel", "orders", LOGGER, "INFO")).isEqualTo(1);
        assertThat(run("loglevel", "orders", LOGGER)).isEqualTo(1);

        assertThat(emporium.err().lines().filter(line -> line.startsWith("emporium:")).toList()).containsExactly(
                "emporium: orders#1 does not expose /actuator/loggers (HTTP 404)",
                "emporium: orders#2 does not expose /actuator/loggers (HTTP 404)",
                "emporium: orders#1 does not expose /actuator/loggers (HTTP 404)",
                "emporium: orders#2 does not expose /actuator/loggers (HTTP 404)");
        assertThat(emporium.out()).isEmpty();
    }

    @Test
    void isListedWithTheOtherCommands() {
        CommandLine line = EmporiumCommand.commandLine();

        assertThat(line.getUsageMessage(CommandLine.Help.Ansi.OFF).lines())
                .anyMatch(entry -> entry.strip().startsWith("loglevel"));
        assertThat(line.getSubcommands().get("loglevel").getUsageMessage(CommandLine.Help.Ansi.OFF))
                .contains("Usage: emporium loglevel", "SERVICE LOGGER [LEVEL]", "--reset", "(default: admin)");
    }

    /** Orders' two instances with these statuses on the fake actuators' ports; no gateway (as with --skip). */
    private void writeState(Status first, Status second) {
        system.writeState(first, second);
    }

    private int run(String... args) {
        return system.run(args);
    }
}
