package io.emporium.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.auth.FakeAuthorizationServer;
import picocli.CommandLine;

/**
 * {@code ./emporium chaos} against a {@link FakeAdminSystem} whose two instances of payments have the platform's
 * {@code /actuator/chaos}.
 */
class ChaosCommandTest {

    private FakeAdminSystem system;
    private FakeAuthorizationServer identity;
    private FakeActuator payments1;
    private FakeActuator payments2;
    private CommandHarness emporium;

    @BeforeEach
    void startTheFakeSystem(@TempDir Path home) throws Exception {
        system = new FakeAdminSystem(home, "payments", """
                discovery: registry
                services:
                  registry: { port: 18761, registers: false }
                  payments: { port: 18084, instances: 2 }
                """);
        identity = system.identity;
        payments1 = system.first;
        payments2 = system.second;
        emporium = system.emporium;
    }

    @AfterEach
    void stopTheFakeSystem() throws Exception {
        system.close();
    }

    @Test
    void injectsFaultsIntoEveryRunningInstanceWithAnAdminsToken() {
        int exit = run("chaos", "payments", "--latency", "2s", "--error-rate", "0.3", "--for", "60s");

        assertThat(exit).as(emporium.err()).isZero();
        String admin = "Bearer " + identity.accessTokenOf("admin");
        for (FakeActuator instance : List.of(payments1, payments2)) {
            assertThat(instance.chaosCalls()).containsExactly("POST /actuator/chaos "
                    + "{\"latency\":\"2s\",\"errorRate\":0.3,\"duration\":\"60s\"} " + admin);
        }
        assertThat(emporium.out().lines().toList()).containsExactly(
                "payments#1 chaos on: latency 2s, error rate 0.3, until 2026-11-26T14:01:00Z",
                "payments#2 chaos on: latency 2s, error rate 0.3, until 2026-11-26T14:01:00Z");
        assertThat(emporium.err().lines().toList()).containsExactly(
                "as admin (DEV ONLY demo password) at " + identity.issuer());
    }

    @Test
    void sendsOnlyTheFaultsGivenAndLastsUntilTurnedOff() {
        int exit = run("chaos", "payments#2", "--latency", "500ms");

        assertThat(exit).as(emporium.err()).isZero();
        assertThat(payments1.chaosCalls()).isEmpty();
        assertThat(payments2.chaosCalls()).singleElement().asString()
                .startsWith("POST /actuator/chaos {\"latency\":\"500ms\"} ");
        assertThat(emporium.out().lines().toList()).containsExactly(
                "payments#2 chaos on: latency 500ms, error rate 0, until turned off");
    }

    @Test
    void turnsFaultsOffInOneInstance() {
        int exit = run("chaos", "payments#2", "--off");

        assertThat(exit).as(emporium.err()).isZero();
        assertThat(payments1.chaosCalls()).isEmpty();
        assertThat(payments2.chaosCalls()).singleElement().asString().startsWith("DELETE /actuator/chaos  Bearer ");
        assertThat(emporium.out().lines().toList()).containsExactly("payments#2 chaos off");
    }

    @Test
    void withoutOptionsShowsEachInstancesFaultsAndChangesNothing() {
        payments1.injectChaos();

        int exit = run("chaos", "payments");

        assertThat(exit).as(emporium.err()).isZero();
        assertThat(payments1.chaosCalls()).singleElement().asString().startsWith("GET /actuator/chaos  Bearer ");
        assertThat(payments2.chaosCalls()).singleElement().asString().startsWith("GET /actuator/chaos  Bearer ");
        assertThat(emporium.out().lines().toList()).containsExactly(
                "payments#1 chaos on: latency 2s, error rate 0.3, until 2026-11-26T14:01:00Z",
                "payments#2 chaos off");
    }

    @Test
    void saysWhenAServiceRunsWithoutFaultInjection() {
        payments1.hide();
        payments2.hide();

        int exit = run("chaos", "payments", "--error-rate", "1");

        assertThat(exit).isEqualTo(1);
        assertThat(emporium.err()).contains(
                "emporium: fault injection is not enabled in payments (only in the local and test profiles)");
        assertThat(emporium.out()).isEmpty();
    }

    @Test
    void rejectsInvalidOptionsBeforeAskingAnyone() {
        assertThat(run("chaos", "payments", "--error-rate", "1.5")).isEqualTo(2);
        assertThat(run("chaos", "payments", "--latency", "soon")).isEqualTo(2);
        assertThat(run("chaos", "payments", "--off", "--latency", "2s")).isEqualTo(2);
        assertThat(run("chaos", "payments", "--for", "60s")).isEqualTo(2);
        assertThat(run("chaos", "payments", "--latency", "1s", "--for", "0s")).isEqualTo(2);
        assertThat(run("chaos", "paymnets", "--off")).isEqualTo(2);
        assertThat(run("chaos", "payments#3", "--off")).isEqualTo(1);

        assertThat(emporium.err().lines().toList()).containsExactly(
                "emporium: --error-rate: a share of requests from 0 to 1, e.g. 0.3; was 1.5",
                "emporium: not a duration: 'soon' (try 30s, 10m, 2h, 1d)",
                "emporium: give --off alone, or the faults to inject (--latency, --error-rate)",
                "emporium: --for needs the faults to inject: --latency and/or --error-rate",
                "emporium: --for: must be more than 0, was 0s",
                "emporium: unknown service 'paymnets' (services: registry, payments)",
                "emporium: payments#3 does not run (payments runs payments#1, payments#2)");
        assertThat(identity.requests()).isEmpty();
        assertThat(payments1.chaosCalls()).isEmpty();
    }

    @Test
    void saysWhenTheUserIsNoAdmin() {
        int exit = run("chaos", "payments", "--off", "--user", "alice");

        assertThat(exit).isEqualTo(1);
        assertThat(emporium.err()).contains(
                "emporium: payments#1: the token was refused (HTTP 403): is alice an admin?");
        assertThat(payments2.chaosCalls()).isEmpty();
    }

    @Test
    void isListedWithTheOtherCommands() {
        CommandLine line = EmporiumCommand.commandLine();

        assertThat(line.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().map(String::strip))
                .anyMatch(entry -> entry.startsWith("chaos"))
                .anyMatch(entry -> entry.startsWith("kill"))
                .anyMatch(entry -> entry.startsWith("scale"));
        assertThat(line.getSubcommands().get("chaos").getUsageMessage(CommandLine.Help.Ansi.OFF))
                .contains("SERVICE[#n]", "--latency", "--error-rate", "--for", "--off", "(default: admin)");
    }

    private int run(String... args) {
        return system.run(args);
    }
}
