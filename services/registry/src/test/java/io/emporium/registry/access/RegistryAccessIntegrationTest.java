package io.emporium.registry.access;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.security.TestIssuer;
import io.emporium.registry.RegistryApplication;
import io.emporium.registry.RegistryCalls;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static io.emporium.registry.RegistryCalls.ORDERS_SECRET;
import static io.emporium.registry.RegistryCalls.basic;
import static io.emporium.registry.RegistryCalls.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry over real HTTP, as an attacker and as each kind of caller would use it: who may register, renew and
 * cancel which application, who may read it, and who may reach its dashboard and management endpoints.
 */
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInfrastructure
class RegistryAccessIntegrationTest {

    private static final String ORDERS = basic("orders", ORDERS_SECRET);
    private static final String CATALOG = basic("catalog", "catalog-secret");
    private static final String RUNNER = basic("runner", "runner-secret");
    private static final String ADMIN = basic("admin", "admin-secret");

    @LocalServerPort
    int port;

    private RegistryCalls registry() {
        return new RegistryCalls(port);
    }

    @Test
    void anAnonymousRegistrationIsRefusedAndNotListed() {
        String instanceId = "rogue-" + UUID.randomUUID();

        HttpResponse<String> response = registry().register("ORDERS", instanceId, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic realm=\"emporium-registry\""));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(listing("ORDERS")).doesNotContain(instanceId);
    }

    @Test
    void aServiceRegistersItsOwnApplication() {
        String instanceId = "orders-" + UUID.randomUUID();

        assertThat(registry().register("ORDERS", instanceId, ORDERS).statusCode()).isEqualTo(204);

        assertThat(listing("ORDERS")).contains(instanceId);
    }

    @Test
    void aServiceCannotRegisterAsAnotherApplication() {
        String instanceId = "rogue-catalog-" + UUID.randomUUID();

        HttpResponse<String> response = registry().register("CATALOG", instanceId, ORDERS);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("its own application only");
        assertThat(listing("CATALOG")).doesNotContain(instanceId);
    }

    @Test
    void theApplicationNameIsMatchedWithoutRegardToCase() {
        String instanceId = "orders-lower-" + UUID.randomUUID();

        assertThat(registry().register("orders", instanceId, ORDERS).statusCode()).isEqualTo(204);
    }

    @Test
    void aWrongPasswordOrAnUnknownNameIsRefused() {
        String instanceId = "guess-" + UUID.randomUUID();

        assertThat(registry().register("ORDERS", instanceId, basic("orders", "orders-secret")).statusCode())
                .isEqualTo(401);
        assertThat(registry().register("ORDERS", instanceId, basic("orders", "")).statusCode()).isEqualTo(401);
        assertThat(registry().register("ORDERS", instanceId, basic("nobody", ORDERS_SECRET)).statusCode())
                .isEqualTo(401);
        assertThat(registry().register("ORDERS", instanceId, "Basic not-base64!").statusCode()).isEqualTo(401);
        assertThat(listing("ORDERS")).doesNotContain(instanceId);
    }

    @Test
    void onlyTheOwnerRenewsChangesOrCancelsAnInstance() {
        String instanceId = "orders-" + UUID.randomUUID();
        String path = "/eureka/apps/ORDERS/" + instanceId;
        assertThat(registry().register("ORDERS", instanceId, ORDERS).statusCode()).isEqualTo(204);

        assertThat(registry().send("PUT", path, CATALOG).statusCode()).isEqualTo(403);
        assertThat(registry().send("PUT", path + "/status?value=OUT_OF_SERVICE", CATALOG).statusCode())
                .isEqualTo(403);
        assertThat(registry().send("DELETE", path, CATALOG).statusCode()).isEqualTo(403);
        assertThat(registry().send("DELETE", path, RUNNER).statusCode()).isEqualTo(403);
        assertThat(registry().send("DELETE", path, ADMIN).statusCode()).isEqualTo(403);
        assertThat(registry().send("DELETE", path, null).statusCode()).isEqualTo(401);
        assertThat(listing("ORDERS")).contains(instanceId);

        assertThat(registry().send("PUT", path, ORDERS).statusCode()).isEqualTo(200);
        assertThat(registry().send("DELETE", path, ORDERS).statusCode()).isEqualTo(200);
        assertThat(listing("ORDERS")).doesNotContain(instanceId);
    }

    @Test
    void readingTheRegistryNeedsCredentialsOfAnyCaller() {
        for (String path : List.of("/eureka/apps", "/eureka/apps/delta", "/eureka/apps/ORDERS", "/eureka/vips/orders")) {
            assertThat(registry().get(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(registry().get(path, basic("runner", "wrong")).statusCode()).as(path).isEqualTo(401);
            for (String reader : List.of(ORDERS, CATALOG, RUNNER, ADMIN)) {
                assertThat(registry().get(path, reader).statusCode()).as(path).isIn(200, 404);
            }
        }
        assertThat(registry().get("/eureka/apps", RUNNER).statusCode()).isEqualTo(200);
    }

    @Test
    void theReadOnlyRunnerCannotRegisterAnything() {
        assertThat(registry().register("RUNNER", "runner-1", RUNNER).statusCode()).isEqualTo(403);
    }

    @Test
    void peerReplicationIsClosedToEveryone() {
        HttpResponse<String> response = registry().send("POST", "/eureka/peerreplication/batch", ORDERS);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(registry().send("POST", "/eureka/peerreplication/batch", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theDashboardAndManagementEndpointsNeedAnAdmin() {
        TestIssuer identity = TestIssuer.shared();
        for (String path : List.of("/actuator/chaos", "/actuator/loggers", "/actuator/health/readinessState", "/",
                "/lastn")) {
            assertThat(registry().get(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(registry().get(path, ORDERS).statusCode()).as(path).isEqualTo(403);
            assertThat(registry().get(path, RUNNER).statusCode()).as(path).isEqualTo(403);
            assertThat(registry().get(path, basic("admin", "wrong")).statusCode()).as(path).isEqualTo(401);
            assertThat(registry().get(path, bearer(identity.customer("alice"))).statusCode()).as(path).isEqualTo(403);
            assertThat(registry().get(path, bearer("not-a-token")).statusCode()).as(path).isEqualTo(401);
            assertThat(registry().get(path, ADMIN).statusCode()).as(path).isEqualTo(200);
            assertThat(registry().get(path, bearer(identity.admin())).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void aManagementEndpointAsksForABearerTokenAndTheDashboardForBasic() {
        assertThat(registry().get("/actuator/chaos", null).headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer");
        assertThat(registry().get("/", null).headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic "));
    }

    @Test
    void anAdminTurnsFaultInjectionOnWithAnIdentityToken() {
        String admin = bearer(TestIssuer.shared().admin());

        assertThat(registry().send("DELETE", "/actuator/chaos", admin).statusCode()).isEqualTo(200);
        assertThat(registry().send("DELETE", "/actuator/chaos", ORDERS).statusCode()).isEqualTo(403);
        assertThat(registry().send("DELETE", "/actuator/chaos", null).statusCode()).isEqualTo(401);
    }

    @Test
    void healthIsPublicWithTheStatusOnly() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> response = registry().get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("\"status\":\"UP\"").doesNotContain("components")
                    .doesNotContain("details");
        }
        assertThat(registry().get("/actuator/health", ADMIN).body()).contains("\"components\"");
    }

    /** What the registry lists for the application, as the read-only runner sees it ("" when it lists nothing). */
    private String listing(String application) {
        HttpResponse<String> response = registry().get("/eureka/apps/" + application, RUNNER);
        assertThat(response.statusCode()).isIn(200, 404);
        return response.statusCode() == 200 ? response.body() : "";
    }
}
