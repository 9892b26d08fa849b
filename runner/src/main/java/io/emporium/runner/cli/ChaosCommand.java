package io.emporium.runner.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.emporium.runner.Workspace;
import io.emporium.runner.topology.TopologyLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chaos}: the fault injection of a service's running instances, read, turned on or off at runtime. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Injects latency and errors into the running instances of a service, shows or stops that:",
                "  ./emporium chaos payments --latency 2s --error-rate 0.3 --for 60s",
                "  ./emporium chaos payments#2 --off",
                "  ./emporium chaos payments                # show it",
                "Each instance (or only SERVICE#n) is told through its /actuator/chaos to delay every request and "
                        + "answer a share of them with an error, for a while or until turned off: to see timeouts, "
                        + "retries and circuit breakers at work. Services have the endpoint only in the local and "
                        + "test profiles (up runs them with local). It needs an admin's access token, from identity "
                        + "as for the loglevel command."})
final class ChaosCommand implements Callable<Integer> {

    @CommandLine.Mixin
    CommandContext context;

    @Parameters(index = "0", paramLabel = "SERVICE[#n]",
            description = "A service of emporium.yaml (all its running instances), or one instance, e.g. payments#2.")
    String target;

    @Option(names = "--latency", paramLabel = "DURATION",
            description = "Delay added to each request, e.g. 500ms or 2s.")
    String latency;

    @Option(names = "--error-rate", paramLabel = "RATE",
            description = "Share of requests answered with an error, from 0 to 1, e.g. 0.3.")
    Double errorRate;

    @Option(names = "--for", paramLabel = "DURATION",
            description = "How long the faults last, e.g. 60s or 10m (default: until --off).")
    String duration;

    @Option(names = "--off", description = "Stop injecting faults.")
    boolean off;

    @CommandLine.Mixin
    AdminLogin admin;

    /** What to do, checked before anything is called: {@code on == false} only reads or turns off. */
    private record Request(boolean on, Duration latency, Double errorRate, Duration duration) {
    }

    @Override
    public Integer call() {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        Request request = request();
        InstanceTarget instances = InstanceTarget.parse(target);
        Workspace home = context.workspace();
        instances.requireService(TopologyLoader.load(home.topologyFile()));
        Optional<ReadyInstances> ready = ReadyInstances.loggedIn(instances, home, admin, err);
        if (ready.isEmpty()) {
            return 1;
        }
        try {
            return ready.get().callEach(err, (actuator, instance) -> {
                ActuatorChaos chaos = new ActuatorChaos(actuator);
                ActuatorChaos.State result;
                if (off) {
                    result = chaos.turnOff(instance.port());
                } else if (request.on()) {
                    result = chaos.turnOn(instance.port(), request.latency(), request.errorRate(), request.duration());
                } else {
                    result = chaos.get(instance.port());
                }
                out.println(instance.id() + " " + describe(result));
                out.flush();
            });
        } catch (ActuatorChaos.NotEnabled e) {
            return Problem.report(err, "fault injection is not enabled in " + instances.service()
                    + " (only in the local and test profiles)");
        }
    }

    private Request request() {
        boolean change = latency != null || errorRate != null;
        if (off && (change || duration != null)) {
            throw new IllegalArgumentException("give --off alone, or the faults to inject (--latency, --error-rate)");
        }
        if (duration != null && !change) {
            throw new IllegalArgumentException("--for needs the faults to inject: --latency and/or --error-rate");
        }
        if (errorRate != null && !(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("--error-rate: a share of requests from 0 to 1, e.g. 0.3; was "
                    + errorRate);
        }
        Duration delay = latency == null ? null : Durations.parse(latency);
        if (delay != null && delay.isNegative()) {
            throw new IllegalArgumentException("--latency: must not be negative, was " + latency);
        }
        Duration lasting = duration == null ? null : Durations.parse(duration);
        if (lasting != null && (lasting.isNegative() || lasting.isZero())) {
            throw new IllegalArgumentException("--for: must be more than 0, was " + duration);
        }
        return new Request(change, delay, errorRate, lasting);
    }

    /** {@code chaos on: latency 2s, error rate 0.3, until 2026-11-26T14:00:00Z}, {@code chaos off}. */
    static String describe(ActuatorChaos.State state) {
        if (!state.active()) {
            return "chaos off";
        }
        return "chaos on: latency " + (state.latency() == null ? "none" : ActuatorChaos.format(state.latency()))
                + ", error rate " + java.math.BigDecimal.valueOf(state.errorRate()).stripTrailingZeros().toPlainString()
                + (state.until() == null ? ", until turned off" : ", until " + state.until());
    }
}
