package io.emporium.runner.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.emporium.runner.topology.ServiceSpec;

class ServiceEnvironmentTest {

    private final ServiceEnvironment environment = new ServiceEnvironment("jdbc:postgresql://127.0.0.1:5433/",
            "127.0.0.1:9092", "http://127.0.0.1:9411/api/v2/spans", "http://127.0.0.1:8761/eureka/");

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

    private static ServiceSpec service(Map<String, String> env) {
        return new ServiceSpec("payments", "services/payments", 8084, 1, List.of(), env, true, null, List.of());
    }
}
