package io.emporium.runner.supervision;

import java.util.ArrayList;
import java.util.List;

import io.emporium.runner.topology.InfraPart;
import io.emporium.runner.topology.ServiceSpec;
import io.emporium.runner.topology.Topology;

/**
 * The parts that will run: the topology less what is skipped, in start order, and where each piece of infrastructure
 * comes from (embedded or external).
 */
public record SystemPlan(Topology topology, RunOptions options, List<String> parts) {

    public SystemPlan {
        parts = List.copyOf(parts);
    }

    /** @throws IllegalArgumentException when a skipped part is unknown or still needed, or an external URL is missing */
    public static SystemPlan of(Topology topology, RunOptions options) {
        List<String> known = topology.partNames();
        for (String skipped : options.skip()) {
            if (!known.contains(skipped)) {
                throw new IllegalArgumentException("cannot skip '" + skipped + "': no such part (known: "
                        + String.join(", ", known) + ")");
            }
        }
        List<String> parts = new ArrayList<>();
        for (List<String> level : topology.startLevels()) {
            level.stream().filter(part -> !options.skip().contains(part)).forEach(parts::add);
        }
        for (String part : parts) {
            for (String dependency : topology.dependenciesOf(part)) {
                if (options.skip().contains(dependency)) {
                    throw new IllegalArgumentException(part + " depends on " + dependency
                            + ", which is skipped: skip " + part + " too (--skip " + part + ")");
                }
            }
        }
        options.scale().forEach((service, instances) -> {
            requireScalable(topology, service, instances);
            if (options.skip().contains(service)) {
                throw new IllegalArgumentException("cannot scale " + service + ": it is skipped (--skip " + service
                        + ")");
            }
        });
        SystemPlan plan = new SystemPlan(topology, options, parts);
        if (options.external() && plan.runs(InfraPart.POSTGRES) && blank(options.postgresUrl())) {
            throw new IllegalArgumentException("--external needs the PostgreSQL admin URL: --postgres-url or "
                    + "EMPORIUM_POSTGRES_URL, e.g. postgresql://postgres:secret@127.0.0.1:5432");
        }
        if (options.external() && plan.runs(InfraPart.KAFKA) && blank(options.kafkaBootstrap())) {
            throw new IllegalArgumentException("--external needs the Kafka bootstrap servers: --kafka-bootstrap or "
                    + "EMPORIUM_KAFKA_BOOTSTRAP, e.g. 127.0.0.1:9092");
        }
        return plan;
    }

    /**
     * Checks that a service can run this many instances: it is a service of the topology (not infrastructure, not
     * the discovery service, whose first instance every other service is told about) and {@code instances >= 1}.
     *
     * @throws IllegalArgumentException saying what is wrong, for a person
     */
    public static void requireScalable(Topology topology, String service, int instances) {
        if (InfraPart.named(service).isPresent()) {
            throw new IllegalArgumentException("cannot scale " + service + ": it is infrastructure, of which one "
                    + "runs; only services can run several instances");
        }
        if (topology.service(service).isEmpty()) {
            throw new IllegalArgumentException("cannot scale '" + service + "': no such service (services: "
                    + String.join(", ", topology.services().stream().map(ServiceSpec::name).toList()) + ")");
        }
        if (service.equals(topology.discovery())) {
            throw new IllegalArgumentException("cannot scale " + service + ": it is the discovery service, and every "
                    + "service knows only its first instance");
        }
        if (instances < 1) {
            throw new IllegalArgumentException("cannot scale " + service + " to " + instances
                    + " instances: at least 1 (stop it with ./emporium down, or leave it out with --skip)");
        }
    }

    /** How many instances of the service run: {@code --scale} when given, else the topology's {@code instances}. */
    public int instances(ServiceSpec service) {
        return options.scale().getOrDefault(service.name(), service.instances());
    }

    public boolean runs(String part) {
        return parts.contains(part);
    }

    public boolean runs(InfraPart part) {
        return runs(part.partName());
    }

    /** Infrastructure this machine starts (not skipped, not external; Zipkin is never external). */
    public boolean starts(InfraPart part) {
        return runs(part) && (part == InfraPart.ZIPKIN || !options.external());
    }

    /** Services that run, in start order. */
    public List<ServiceSpec> services() {
        return parts.stream().flatMap(part -> topology.service(part).stream()).toList();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
