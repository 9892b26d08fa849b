package io.emporium.runner.supervision;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.emporium.runner.topology.RegistryLogin;
import io.emporium.runner.topology.ServiceSpec;

/**
 * The contract between the runner and every service: the environment a service instance is started with. Spring
 * Boot's relaxed binding maps each variable to its property ({@code SERVER_PORT} to {@code server.port}, ...).
 * Every instance runs with the {@value #PROFILE} profile (which enables the platform's fault injection), unless the
 * service's own {@code env:} sets {@code SPRING_PROFILES_ACTIVE}: the service's variables come last and win.
 *
 * <p>With discovery, every other service gets its DEV-ONLY registry password ({@code EMPORIUM_REGISTRY_PASSWORD};
 * its application name is the user) and the discovery service gets the whole list: each service's login as a client
 * ({@code EMPORIUM_REGISTRY_CLIENTS_<NAME>}), the runner's read-only one ({@code EMPORIUM_REGISTRY_READERS_RUNNER})
 * and the admin's ({@code EMPORIUM_REGISTRY_ADMIN_PASSWORD}).
 *
 * @param jdbcBase        {@code jdbc:postgresql://host:port/}, to which the database name is appended
 * @param kafkaBootstrap  bootstrap servers
 * @param zipkinEndpoint  where spans are sent
 * @param eurekaUrl       the registry's base URL ending in {@code /eureka/}, or null without discovery
 * @param discovery       the discovery service's name, or null without discovery
 * @param services        every service of the topology (the registry's clients are all but itself)
 */
record ServiceEnvironment(String jdbcBase, String kafkaBootstrap, String zipkinEndpoint, String eurekaUrl,
                          String discovery, List<ServiceSpec> services) {

    ServiceEnvironment {
        services = List.copyOf(services);
    }

    static final String PROFILE = "local";

    Map<String, String> forInstance(ServiceSpec service, int instance, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        String instanceId = service.name() + "-" + instance;
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("EMPORIUM_INSTANCE_ID", instanceId);
        env.put("SPRING_PROFILES_ACTIVE", PROFILE);
        env.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        service.optionalDatabase().ifPresent(database -> {
            env.put("SPRING_DATASOURCE_URL", jdbcBase + database.name());
            env.put("SPRING_DATASOURCE_USERNAME", database.user());
            env.put("SPRING_DATASOURCE_PASSWORD", database.password());
        });
        if (eurekaUrl != null) {
            env.put("EUREKA_CLIENT_SERVICEURL_DEFAULTZONE", eurekaUrl);
            env.put("EUREKA_INSTANCE_HOSTNAME", "127.0.0.1");
            env.put("EUREKA_INSTANCE_IPADDRESS", "127.0.0.1");
            env.put("EUREKA_INSTANCE_PREFERIPADDRESS", "true");
            env.put("EUREKA_INSTANCE_INSTANCEID", instanceId);
        }
        if (discovery != null && discovery.equals(service.name())) {
            services.stream().filter(client -> !client.name().equals(discovery)).map(ServiceSpec::registryLogin)
                    .forEach(login -> env.put("EMPORIUM_REGISTRY_CLIENTS_" + login.environmentName(), login.password()));
            env.put("EMPORIUM_REGISTRY_READERS_" + RegistryLogin.RUNNER.environmentName(),
                    RegistryLogin.RUNNER.password());
            env.put("EMPORIUM_REGISTRY_ADMIN_PASSWORD", RegistryLogin.ADMIN.password());
        } else if (discovery != null) {
            env.put("EMPORIUM_REGISTRY_PASSWORD", service.registryLogin().password());
        }
        env.put("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT", zipkinEndpoint);
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.putAll(service.env());
        return env;
    }
}
