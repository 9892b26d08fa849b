package io.emporium.runner.supervision;

import java.io.IOException;
import java.util.List;

/**
 * A {@link ControlServer} in a JVM of its own, started like the supervisor's (with its flags), so that the JDK reads
 * the server's limits from the command line as it does there. Prints the port, then serves until its stdin closes.
 */
final class ControlServerProcess {

    private ControlServerProcess() {
    }

    public static void main(String[] args) throws IOException {
        ControlServer control = ControlServer.start(() -> new SystemState(1, 0, 0, Phase.READY, null, List.of()),
                args[0], (service, instances) -> {
                    throw new IllegalStateException("not scalable here");
                });
        System.out.println(control.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes our stdin
        }
        control.stop();
    }
}
