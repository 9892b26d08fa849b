package io.emporium.platform.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;

import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Without the local or test profile there is no fault injection at all: no endpoint, no filter. */
@SpringBootTest(classes = ServletChaosTest.TestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // what production gets without a profile (platform-test makes "test" the default profile of every test)
        properties = { "spring.application.name=steady", "management.health.kafka.enabled=false",
                "spring.profiles.default=default" })
@TestInfrastructure
class ChaosOffTest {

    private static final TestIssuer issuer = TestIssuer.shared();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void withoutTheProfileTheEndpointDoesNotExist() throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/chaos")).header("Authorization",
                        "Bearer " + issuer.admin()).build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(context.getBeanNamesForType(FaultInjection.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ChaosEndpoint.class)).isEmpty();
        assertThat(context.containsBean("chaosFilter")).isFalse();
    }
}
