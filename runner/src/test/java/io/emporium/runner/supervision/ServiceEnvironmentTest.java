package io.emporium.runner.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.emporium.runner.topology.ServiceSpec;

class ServiceEnvironmentTest {

    private static final ServiceSpec REGISTRY = new ServiceSpec("registry", "services/registry", 8761, 1, List.of(),
            Map.of(), false, null, List.of());
    private static final ServiceSpec ORDERS_SERVICE = new ServiceSpec("orders-service", "services/orders", 8082, 1,
            List.of(), Map.of(), true, null, List.of());

    private final ServiceEnvironment environment = new ServiceEnvironment("jdbc:postgresql://127.0.0.1:5433/",
            "127.0.0.1:9092", "http://127.0.0.1:9411/api/v2/spans", "http://127.0.0.1:8761/eureka/", "registry",
            List.of(REGISTRY, service(Map.of()), ORDERS_SERVICE));

    @Test
    void runsEveryInstanceWithTheLocalProfileSoThatFaultInjectionIsThere() {
        Map<String, String> env = environment.forInstance(service(Map.of()), 2, 8091);

        assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "local")
                .containsEntry("EMPORIUM_INSTANCE_ID", "payments-2")
                .containsEntry("SERVER_PORT", "8091");
    }

    @Test
    void letsTheServicesOwnEnvironmentChooseItsProfiles() {
        Map<String, String> env = environment.forInstance(service(Map.of("SPRING_PROFILES_ACTIVE", "demo")), 1, 8084);

        assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "demo");
    }

    @Test
    void givesEveryInstanceOfAServiceItsDevOnlyRegistryPasswordAndNoOtherRegistryCredentials() {
        for (int instance = 1; instance <= 3; instance++) {
            Map<String, String> env = environment.forInstance(service(Map.of()), instance, 8083 + instance);

            assertThat(env).containsEntry("EMPORIUM_REGISTRY_PASSWORD", "payments-registry-dev-only");
            assertThat(env.keySet()).noneMatch(name -> name.startsWith("EMPORIUM_REGISTRY_CLIENTS_")
                    || name.startsWith("EMPORIUM_REGISTRY_READERS_") || name.equals("EMPORIUM_REGISTRY_ADMIN_PASSWORD"));
        }
    }

    @Test
    void givesTheRegistryEveryServicesLoginTheRunnersReadOnlyOneAndTheAdmins() {
        Map<String, String> env = environment.forInstance(REGISTRY, 1, 8761);

        assertThat(env).containsEntry("EMPORIUM_REGISTRY_CLIENTS_PAYMENTS", "payments-registry-dev-only")
                .containsEntry("EMPORIUM_REGISTRY_CLIENTS_ORDERS_SERVICE", "orders-service-registry-dev-only")
                .containsEntry("EMPORIUM_REGISTRY_READERS_RUNNER", "runner-registry-dev-only")
                .containsEntry("EMPORIUM_REGISTRY_ADMIN_PASSWORD", "admin-registry-dev-only")
                .doesNotContainKey("EMPORIUM_REGISTRY_CLIENTS_REGISTRY")
                .doesNotContainKey("EMPORIUM_REGISTRY_PASSWORD");
    }

    @Test
    void withoutDiscoveryNoServiceGetsRegistryCredentials() {
        ServiceEnvironment withoutDiscovery = new ServiceEnvironment("jdbc:postgresql://127.0.0.1:5433/",
                "127.0.0.1:9092", "http://127.0.0.1:9411/api/v2/spans", null, null, List.of(service(Map.of())));

        assertThat(withoutDiscovery.forInstance(service(Map.of()), 1, 8084).keySet())
                .noneMatch(name -> name.startsWith("EMPORIUM_REGISTRY_") || name.startsWith("EUREKA_"));
    }

    private static ServiceSpec service(Map<String, String> env) {
        return new ServiceSpec("payments", "services/payments", 8084, 1, List.of(), env, true, null, List.of());
    }
}
