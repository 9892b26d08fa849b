package io.emporium.runner.supervision;

import java.util.LinkedHashMap;
import java.util.Map;

import io.emporium.runner.topology.ServiceSpec;

/**
 * The contract between the runner and every service: the environment a service instance is started with. Spring
 * Boot's relaxed binding maps each variable to its property ({@code SERVER_PORT} to {@code server.port}, ...).
 * Every instance runs with the {@value #PROFILE} profile (which enables the platform's fault injection), unless the
 * service's own {@code env:} sets {@code SPRING_PROFILES_ACTIVE}: the service's variables come last and win.
 *
 * @param jdbcBase        {@code jdbc:postgresql://host:port/}, to which the database name is appended
 * @param kafkaBootstrap  bootstrap servers
 * @param zipkinEndpoint  where spans are sent
 * @param eurekaUrl       the registry's base URL ending in {@code /eureka/}, or null without discovery
 */
record ServiceEnvironment(String jdbcBase, String kafkaBootstrap, String zipkinEndpoint, String eurekaUrl) {

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
        env.put("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT", zipkinEndpoint);
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.putAll(service.env());
        return env;
    }
}
