package io.emporium.runner.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole local system as declared in {@code emporium.yaml}: the infrastructure, the discovery service and the
 * services. Instances are validated by {@link TopologyLoader}: every dependency exists, there is no cycle and no port
 * is declared twice.
 *
 * @param discovery name of the service that is the discovery server, or {@code null} when there is none
 * @param services in declaration order
 * @param logs      how much of the parts' logs to keep
 * @param liveness  how the supervisor watches that ready service instances stay alive
 */
public record Topology(PostgresSpec postgres, KafkaSpec kafka, ZipkinSpec zipkin, String discovery,
                       List<ServiceSpec> services, LogsSpec logs, LivenessSpec liveness) {

    public Topology {
        services = List.copyOf(services);
    }

    public Optional<ServiceSpec> service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst();
    }

    public Optional<ServiceSpec> discoveryService() {
        return discovery == null ? Optional.empty() : service(discovery);
    }

    /** Names of every part, infrastructure first, then services in declaration order. */
    public List<String> partNames() {
        List<String> names = new ArrayList<>(InfraPart.names());
        services.forEach(service -> names.add(service.name()));
        return names;
    }

    /**
     * The parts each part waits for: declared {@code depends_on}, plus postgres for a service with a database and the
     * discovery service for a service that registers in it.
     */
    public List<String> dependenciesOf(String part) {
        return service(part).map(service -> service.effectiveDependencies(discovery)).orElse(List.of());
    }

    /** Start order as levels: parts of one level depend only on parts of earlier levels, so they can start together. */
    public List<List<String>> startLevels() {
        return DependencyGraph.of(this).levels();
    }
}
