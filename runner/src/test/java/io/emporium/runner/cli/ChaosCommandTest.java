package io.emporium.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.emporium.runner.Workspace;
import io.emporium.runner.auth.FakeAuthorizationServer;
import io.emporium.runner.process.PartStatus;
import io.emporium.runner.process.Status;
import io.emporium.runner.supervision.Phase;
import io.emporium.runner.supervision.RunLock;
import io.emporium.runner.supervision.StateFile;
import io.emporium.runner.supervision.SystemState;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./emporium chaos} against a running system made of fakes: a state file naming two instances of payments
 * (whose supervisor is this test), each a stub of the platform's {@code /actuator/chaos}, and a fake identity.
 */
class ChaosCommandTest {

    @TempDir
    Path home;

    private final FakeAuthorizationServer identity = FakeAuthorizationServer.start();
    private final ChaosEndpoint payments1 = new ChaosEndpoint(identity.accessTokenOf("admin"),
            identity.accessTokenOf("alice"));
    private final ChaosEndpoint payments2 = new ChaosEndpoint(identity.accessTokenOf("admin"),
            identity.accessTokenOf("alice"));
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Workspace workspace;
    private RunLock supervisor;

    @BeforeEach
    void startTheFakeSystem() throws Exception {
        workspace = new Workspace(home);
        Files.writeString(workspace.topologyFile(), """
                infrastructure:
                  postgres: { port: 15433 }
                  kafka:    { port: 19092, controller_port: 19093 }
                  zipkin:   { port: 19411 }
                discovery: registry
                services:
                  registry: { port: 18761, registers: false }
                  payments: { port: 18084, instances: 2 }
                """);
        supervisor = RunLock.acquire(workspace.lockFile()).orElseThrow();
        new StateFile(workspace.stateFile()).write(new SystemState(ProcessHandle.current().pid(), 0,
                System.currentTimeMillis(), Phase.READY, null, List.of(
                part("registry#1", "registry", 1, 18761),
                part("payments#1", "payments", 1, payments1.port()),
                part("payments#2", "payments", 2, payments2.port()))));
    }

    @AfterEach
    void stopTheFakeSystem() throws Exception {
        supervisor.close();
        payments1.close();
        payments2.close();
        identity.close();
    }

    @Test
    void injectsFaultsIntoEveryRunningInstanceWithAnAdminsToken() {
        int exit = run("chaos", "payments", "--latency", "2s", "--error-rate", "0.3", "--for", "60s");

        assertThat(exit).as(err.toString()).isZero();
        String admin = "Bearer " + identity.accessTokenOf("admin");
        for (ChaosEndpoint instance : List.of(payments1, payments2)) {
            assertThat(instance.requests()).containsExactly("POST /actuator/chaos "
                    + "{\"latency\":\"2s\",\"errorRate\":0.3,\"duration\":\"60s\"} " + admin);
        }
        assertThat(out.toString().lines().toList()).containsExactly(
                "payments#1 chaos on: latency 2s, error rate 0.3, until 2026-11-26T14:01:00Z",
                "payments#2 chaos on: latency 2s, error rate 0.3, until 2026-11-26T14:01:00Z");
        assertThat(err.toString().lines().toList()).containsExactly(
                "as admin (DEV ONLY demo password) at " + identity.issuer());
    }

    @Test
    void sendsOnlyTheFaultsGivenAndLastsUntilTurnedOff() {
        int exit = run("chaos", "payments#2", "--latency", "500ms");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(payments1.requests()).isEmpty();
        assertThat(payments2.requests()).singleElement().asString()
                .startsWith("POST /actuator/chaos {\"latency\":\"500ms\"} ");
        assertThat(out.toString().lines().toList()).containsExactly(
                "payments#2 chaos on: latency 500ms, error rate 0, until turned off");
    }

    @Test
    void turnsFaultsOffInOneInstance() {
        int exit = run("chaos", "payments#2", "--off");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(payments1.requests()).isEmpty();
        assertThat(payments2.requests()).singleElement().asString().startsWith("DELETE /actuator/chaos  Bearer ");
        assertThat(out.toString().lines().toList()).containsExactly("payments#2 chaos off");
    }

    @Test
    void withoutOptionsShowsEachInstancesFaultsAndChangesNothing() {
        payments1.answerActive();

        int exit = run("chaos", "payments");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(payments1.requests()).singleElement().asString().startsWith("GET /actuator/chaos  Bearer ");
        assertThat(payments2.requests()).singleElement().asString().startsWith("GET /actuator/chaos  Bearer ");
        assertThat(out.toString().lines().toList()).containsExactly(
                "payments#1 chaos on: latency 2s, error rate 0.3, until 2026-11-26T14:01:00Z",
                "payments#2 chaos off");
    }

    @Test
    void saysWhenAServiceRunsWithoutFaultInjection() {
        payments1.hide();
        payments2.hide();

        int exit = run("chaos", "payments", "--error-rate", "1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains(
                "emporium: fault injection is not enabled in payments (only in the local and test profiles)");
        assertThat(out.toString()).isEmpty();
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

        assertThat(err.toString().lines().toList()).containsExactly(
                "emporium: --error-rate: a share of requests from 0 to 1, e.g. 0.3; was 1.5",
                "emporium: not a duration: 'soon' (try 30s, 10m, 2h, 1d)",
                "emporium: give --off alone, or the faults to inject (--latency, --error-rate)",
                "emporium: --for needs the faults to inject: --latency and/or --error-rate",
                "emporium: --for: must be more than 0, was 0s",
                "emporium: unknown service 'paymnets' (services: registry, payments)",
                "emporium: payments#3 does not run (payments runs payments#1, payments#2)");
        assertThat(identity.requests()).isEmpty();
        assertThat(payments1.requests()).isEmpty();
    }

    @Test
    void saysWhenTheUserIsNoAdmin() {
        int exit = run("chaos", "payments", "--off", "--user", "alice");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains(
                "emporium: payments#1: the token was refused (HTTP 403): is alice an admin?");
        assertThat(payments2.requests()).isEmpty();
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

    private static PartStatus part(String id, String name, int instance, int port) {
        return new PartStatus(id, name, instance, "service", Status.READY, 4242, 0, port, 1, 1, 0, null, null);
    }

    private int run(String... args) {
        List<String> withIssuer = new ArrayList<>(List.of(args));
        withIssuer.addAll(List.of("--issuer", identity.issuer().toString()));
        CommandLine line = EmporiumCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        ChaosCommand command = line.getSubcommands().get("chaos").getCommand();
        command.workspace = workspace;
        return line.execute(withIssuer.toArray(String[]::new));
    }

    /**
     * The platform's {@code /actuator/chaos} as the contract describes it, on an ephemeral port: 401 without a token
     * it knows, 403 for the user's; records {@code METHOD path body authorization} of each request the admin made.
     */
    private static final class ChaosEndpoint implements AutoCloseable {

        private static final JsonMapper JSON = JsonMapper.builder().build();
        private static final String ACTIVE =
                "{\"active\":true,\"latency\":\"PT2S\",\"errorRate\":0.3,\"until\":\"2026-11-26T14:01:00Z\"}";
        private static final String INACTIVE = "{\"active\":false,\"latency\":null,\"errorRate\":0.0,\"until\":null}";

        private final HttpServer server;
        private final String adminToken;
        private final String userToken;
        private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        private volatile String current = INACTIVE;
        private volatile boolean hidden;

        ChaosEndpoint(String adminToken, String userToken) {
            this.adminToken = adminToken;
            this.userToken = userToken;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/actuator", this::handle);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void answerActive() {
            current = ACTIVE;
        }

        /** Answers 404, as an instance without the local or test profile. */
        void hide() {
            hidden = true;
        }

        List<String> requests() {
            synchronized (requests) {
                return List.copyOf(requests);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (("Bearer " + userToken).equals(authorization)) {
                    send(exchange, 403, "{\"status\":403}");
                    return;
                }
                if (!("Bearer " + adminToken).equals(authorization)) {
                    send(exchange, 401, "{\"status\":401}");
                    return;
                }
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body
                        + " " + authorization);
                if (hidden || !exchange.getRequestURI().getPath().equals("/actuator/chaos")) {
                    send(exchange, 404, "{\"status\":404}");
                    return;
                }
                switch (exchange.getRequestMethod()) {
                    case "GET" -> send(exchange, 200, current);
                    case "DELETE" -> {
                        current = INACTIVE;
                        send(exchange, 200, current);
                    }
                    case "POST" -> {
                        JsonNode request = JSON.readTree(body);
                        String latency = request.path("latency").asString(null);
                        current = JSON.writeValueAsString(java.util.Map.of(
                                "active", true,
                                "latency", latency == null ? "PT0S" : Durations.parse(latency).toString(),
                                "errorRate", request.path("errorRate").asDouble(0)))
                                .replace("}", request.has("duration")
                                        ? ",\"until\":\"2026-11-26T14:01:00Z\"}" : ",\"until\":null}");
                        send(exchange, 200, current);
                    }
                    default -> send(exchange, 405, "{}");
                }
            }
        }

        private static void send(HttpExchange exchange, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

}
