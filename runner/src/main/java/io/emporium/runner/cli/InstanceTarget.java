package io.emporium.runner.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.emporium.runner.Workspace;
import io.emporium.runner.process.PartStatus;
import io.emporium.runner.process.Status;
import io.emporium.runner.supervision.SystemControl;
import io.emporium.runner.supervision.SystemState;
import io.emporium.runner.topology.InfraPart;
import io.emporium.runner.topology.ServiceSpec;
import io.emporium.runner.topology.Topology;

/**
 * What {@code kill}, {@code chaos} and {@code loglevel} address: {@code SERVICE} or one instance {@code SERVICE#n}
 * (numbered from 1, as {@code ./emporium status} shows them), looked up in the running system's state.
 *
 * @param instance the instance number, or 0 when only the service is named
 */
record InstanceTarget(String service, int instance) {

    private static final Pattern FORM = Pattern.compile("([a-z][a-z0-9-]*)(?:#([1-9][0-9]{0,3}))?");

    /** @throws IllegalArgumentException when the text is neither {@code SERVICE} nor {@code SERVICE#n} */
    static InstanceTarget parse(String text) {
        Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a service or an instance: '" + text
                    + "' (e.g. payments, or payments#2 for its second instance)");
        }
        return new InstanceTarget(matcher.group(1), matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2)));
    }

    /** The same service, instance {@code n} when no instance was named. */
    InstanceTarget orInstance(int n) {
        return instance > 0 ? this : new InstanceTarget(service, n);
    }

    /** @throws IllegalArgumentException when the topology has no such service, naming the services it has */
    void requireService(Topology topology) {
        if (InfraPart.named(service).isPresent()) {
            throw new IllegalArgumentException(service + " is infrastructure, not a service (services: "
                    + services(topology) + ")");
        }
        if (topology.service(service).isEmpty()) {
            throw new IllegalArgumentException("unknown service '" + service + "' (services: " + services(topology)
                    + ")");
        }
    }

    /** The running system's state; empty, after saying on {@code err} how to start it, when no supervisor runs. */
    static Optional<SystemState> runningState(Workspace workspace, PrintWriter err) {
        SystemControl control = new SystemControl(workspace);
        Optional<SystemState> state = control.supervisorPid().isPresent() ? control.state() : Optional.empty();
        if (state.isEmpty()) {
            Problem.report(err, "Emporium is not running; start it with ./emporium up");
        }
        return state;
    }

    /** Every instance of the service in the state (whatever its status), in instance order. */
    List<PartStatus> instancesOfService(SystemState state) {
        return state.parts().stream()
                .filter(part -> part.name().equals(service) && "service".equals(part.kind()))
                .sorted(Comparator.comparingInt(PartStatus::instance))
                .toList();
    }

    /** The instances this target names in the state: all of the service's, or the one; possibly none. */
    List<PartStatus> select(SystemState state) {
        return instancesOfService(state).stream()
                .filter(part -> instance == 0 || part.instance() == instance)
                .toList();
    }

    /** The selected instances that are ready (and so answer on their port). */
    List<PartStatus> selectReady(SystemState state) {
        return select(state).stream().filter(part -> part.status() == Status.READY && part.port() > 0).toList();
    }

    /**
     * Why {@link #selectReady} found nothing, for a person: {@code orders is not running (orders#1 restarting)},
     * {@code orders#3 does not run (orders runs orders#1, orders#2)}, {@code gateway is not running (not started by
     * ./emporium up)}.
     */
    String whyNotReady(SystemState state) {
        List<PartStatus> all = instancesOfService(state);
        if (all.isEmpty()) {
            return service + " is not running (not started by ./emporium up)";
        }
        List<PartStatus> selected = select(state);
        if (selected.isEmpty()) {
            return this + " does not run (" + service + " runs "
                    + String.join(", ", all.stream().map(PartStatus::id).toList()) + ")";
        }
        return this + " is not running (" + String.join(", ", selected.stream()
                .map(part -> part.id() + " " + part.status().label()).toList()) + ")";
    }

    @Override
    public String toString() {
        return instance == 0 ? service : service + "#" + instance;
    }

    private static String services(Topology topology) {
        return String.join(", ", topology.services().stream().map(ServiceSpec::name).toList());
    }
}
