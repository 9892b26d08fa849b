package io.emporium.registry;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static io.emporium.registry.RegistryCalls.basic;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = RegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RegistryApplicationTest {

    @LocalServerPort
    int port;

    @Test
    void acceptsARegistrationAndListsTheInstance() {
        RegistryCalls registry = new RegistryCalls(port);
        String probe = basic("probe", "probe-secret");

        assertThat(registry.register("PROBE", "probe-1", probe).statusCode()).isEqualTo(204);

        HttpResponse<String> response = registry.get("/eureka/apps/PROBE", probe);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"instanceId\":\"probe-1\"").contains("\"status\":\"UP\"");
    }

    @Test
    void reportsReadiness() {
        HttpResponse<String> response = new RegistryCalls(port).get("/actuator/health/readiness", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
    }
}
