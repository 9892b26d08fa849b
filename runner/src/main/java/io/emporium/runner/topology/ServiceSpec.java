package io.emporium.runner.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One deployable as declared in the topology.
 *
 * @param module     the Maven module directory, relative to the repository root (default {@code services/<name>})
 * @param port       the first instance's port; further instances take the next free ports
 * @param instances  how many JVMs to run, at least 1
 * @param dependsOn  parts (infrastructure or services) that must be ready before this service starts
 * @param env        extra environment, applied after the runner's own variables
 * @param registers  whether an instance is ready only once the discovery service lists it as UP
 * @param database   the service's own database, or {@code null}
 * @param jvm        extra JVM flags, appended after the runner's defaults (so they win)
 */
public record ServiceSpec(String name, String module, int port, int instances, List<String> dependsOn,
                          Map<String, String> env, boolean registers, ServiceDatabase database, List<String> jvm) {

    public ServiceSpec {
        dependsOn = List.copyOf(dependsOn);
        env = Map.copyOf(env);
        jvm = List.copyOf(jvm);
    }

    /** The Spring Boot jar the build produces: {@code <module>/target/emporium-<name>.jar}. */
    public Path jar(Path home) {
        return home.resolve(module).resolve("target").resolve("emporium-" + name + ".jar");
    }

    /** This service's DEV-ONLY login at the registry, as whom every instance registers and looks others up. */
    public RegistryLogin registryLogin() {
        return RegistryLogin.of(name);
    }

    public Optional<ServiceDatabase> optionalDatabase() {
        return Optional.ofNullable(database);
    }

    List<String> effectiveDependencies(String discovery) {
        List<String> dependencies = new ArrayList<>(dependsOn);
        if (database != null && !dependencies.contains(InfraPart.POSTGRES.partName())) {
            dependencies.add(InfraPart.POSTGRES.partName());
        }
        if (registers && discovery != null && !discovery.equals(name) && !dependencies.contains(discovery)) {
            dependencies.add(discovery);
        }
        return dependencies;
    }
}
