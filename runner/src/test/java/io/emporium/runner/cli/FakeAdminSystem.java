package io.emporium.runner.cli;

import static io.emporium.runner.cli.CommandHarness.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.emporium.runner.auth.FakeAuthorizationServer;
import io.emporium.runner.process.Status;

/**
 * A running system made of fakes for the commands that call admin-only actuator endpoints ({@code chaos},
 * {@code loglevel}): a fake identity, and a state file (whose supervisor is the test) naming the registry and two
 * instances of one service, each a {@link FakeActuator}. Close it after each test.
 */
final class FakeAdminSystem implements AutoCloseable {

    final FakeAuthorizationServer identity = FakeAuthorizationServer.start();
    final FakeActuator first = FakeActuator.start(identity);
    final FakeActuator second = FakeActuator.start(identity);
    final CommandHarness emporium;
    private final String service;

    /**
     * @param topology the services of emporium.yaml: {@code registry} on 18761 and {@code service}, which runs both
     *                 fake instances, ready
     */
    FakeAdminSystem(Path home, String service, String topology) throws IOException {
        this.service = service;
        this.emporium = CommandHarness.start(home, topology);
        writeState(Status.READY, Status.READY);
    }

    /** The registry ready, and the service's two instances with these statuses on the fake actuators' ports. */
    void writeState(Status firstStatus, Status secondStatus) {
        emporium.writeState(service("registry", 1, Status.READY, 18761),
                service(service, 1, firstStatus, first.port()), service(service, 2, secondStatus, second.port()));
    }

    /** Runs {@code ./emporium args... --issuer <the fake identity>}; returns the exit code. */
    int run(String... args) {
        return emporium.run(Stream.concat(Stream.of(args), Stream.of("--issuer", identity.issuer().toString()))
                .toArray(String[]::new));
    }

    @Override
    public void close() throws IOException {
        emporium.close();
        first.close();
        second.close();
        identity.close();
    }
}
