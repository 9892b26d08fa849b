package io.emporium.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

import com.sun.net.httpserver.HttpServer;

import io.emporium.runner.process.PartStatus;
import io.emporium.runner.process.Status;

/**
 * {@code ./emporium scale} against a stand-in supervisor: this test holds the run lock, writes the state file and
 * answers on the control port what the supervisor would.
 */
class ScaleCommandTest {

    private static final String TOKEN = "control-token";

    @TempDir
    Path home;

    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile int status = 202;
    private volatile String answer = "{\"service\":\"payments\",\"instances\":3,\"starting\":[\"payments#3\"],"
            + "\"stopping\":[]}";
    private CommandHarness emporium;
    private HttpServer control;

    @BeforeEach
    void startTheFakeSupervisor() throws Exception {
        emporium = CommandHarness.start(home, """
                discovery: registry
                services:
                  registry: { port: 18761, registers: false }
                  payments: { port: 18084 }
                """);
        Files.createDirectories(emporium.workspace().runDir());
        Files.writeString(emporium.workspace().controlTokenFile(), TOKEN);
        control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        control.createContext("/scale", exchange -> {
            try (exchange) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst(
                        "X-Emporium-Token") + " " + new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
                byte[] body = answer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        control.start();
    }

    @AfterEach
    void stop() throws IOException {
        control.stop(0);
        emporium.close();
    }

    @Test
    void asksTheSupervisorWithItsTokenAndShowsTheInstancesOnceTheNewOneIsReady() {
        writeState(instance(1, Status.READY, null), instance(2, Status.READY, null), instance(3, Status.READY, null));

        int exit = emporium.run("scale", "payments=3");

        assertThat(exit).as(emporium.err()).isZero();
        assertThat(requests).containsExactly("POST " + TOKEN + " {\"service\":\"payments\",\"instances\":3}");
        List<String> lines = emporium.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("scaling payments to 3: starting payments#3");
        assertThat(lines.get(1)).startsWith("PART");
        assertThat(lines.subList(2, lines.size())).hasSize(3).allMatch(line -> line.startsWith("payments#"));
    }

    @Test
    void waitsUntilTheStoppedInstancesAreGoneAndSaysWhenANewOneFailed() {
        answer = "{\"service\":\"payments\",\"instances\":1,\"starting\":[],\"stopping\":[\"payments#2\"]}";
        writeState(instance(1, Status.READY, null));

        assertThat(emporium.run("scale", "payments=1")).as(emporium.err()).isZero();
        assertThat(emporium.out()).startsWith("scaling payments to 1: stopping payments#2");

        writeState(instance(1, Status.READY, null), instance(2, Status.FAILED, "not ready within 180 s"));
        answer = "{\"service\":\"payments\",\"instances\":2,\"starting\":[\"payments#2\"],\"stopping\":[]}";
        assertThat(emporium.run("scale", "payments=2")).isEqualTo(1);
        assertThat(emporium.err().lines().toList()).containsExactly(
                "emporium: payments#2 failed: not ready within 180 s (see var/logs/payments-2.jsonl)");
    }

    @Test
    void refusesWhatCannotBeScaledBeforeAskingTheSupervisor() throws IOException {
        writeState(instance(1, Status.READY, null));

        assertThat(emporium.run("scale", "payments")).isEqualTo(2);
        assertThat(emporium.run("scale", "payments=0")).isEqualTo(2);
        assertThat(emporium.run("scale", "kafka=2")).isEqualTo(2);
        assertThat(emporium.run("scale", "registry=2")).isEqualTo(2);
        assertThat(requests).isEmpty();

        status = 409;
        answer = "{\"error\":\"payments is still being scaled; wait until that is done\"}";
        assertThat(emporium.run("scale", "payments=2")).isEqualTo(1);
        emporium.stopSupervisor();
        assertThat(emporium.run("scale", "payments=2")).isEqualTo(1);

        assertThat(emporium.err().lines().toList()).containsExactly(
                "emporium: expected SERVICE=N, e.g. payments=3; was 'payments'",
                "emporium: cannot scale payments to 0 instances: at least 1 (stop it with ./emporium down, or leave "
                        + "it out with --skip)",
                "emporium: cannot scale kafka: it is infrastructure, of which one runs; only services can run "
                        + "several instances",
                "emporium: cannot scale registry: it is the discovery service, and every service knows only its "
                        + "first instance",
                "emporium: payments is still being scaled; wait until that is done",
                "emporium: Emporium is not running; start it with ./emporium up");
    }

    private void writeState(PartStatus... payments) {
        emporium.writeState(control.getAddress().getPort(), List.of(payments));
    }

    private static PartStatus instance(int instance, Status status, String message) {
        return new PartStatus("payments#" + instance, "payments", instance, "service", status, 0, 0, 1, 0, -1, 0,
                message, "var/logs/payments-" + instance + ".jsonl");
    }
}
