package io.emporium.registry.access;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.emporium.registry.RegistryApplication;
import io.emporium.registry.RegistryCalls;
import io.emporium.registryclient.RegisteringService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import static io.emporium.registry.RegistryCalls.ORDERS_SECRET;
import static io.emporium.registry.RegistryCalls.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A platform service with Spring Cloud's Eureka client against the secured registry, both in this JVM on random
 * ports: with its password (which holds ':', '@', '%' and a non-ASCII letter) it registers, finds services and
 * cancels on shutdown; with a wrong or no password it is refused and never listed, and says why.
 */
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class RegisteringServiceIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void aServiceWithItsPasswordRegistersFindsServicesAndCancelsOnShutdown() {
        try (ConfigurableApplicationContext orders = RegisteringService.start("orders", "orders-it-1", port,
                ORDERS_SECRET)) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(listing("ORDERS")).contains("orders-it-1"));
            DiscoveryClient discovery = orders.getBean(DiscoveryClient.class);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(discovery.getInstances("orders"))
                    .anySatisfy(instance -> assertThat(instance.getInstanceId()).isEqualTo("orders-it-1")));
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(listing("ORDERS")).doesNotContain("orders-it-1"));
    }

    @Test
    void aServiceWithAWrongPasswordIsRefusedAndNotListed() {
        double refusedBefore = refusals("bad-credentials");
        try (ConfigurableApplicationContext orders = RegisteringService.start("orders", "orders-it-2", port,
                "orders-secret")) {
            await().atMost(PATIENCE).until(() -> refusals("bad-credentials") > refusedBefore);
            assertThat(listing("ORDERS")).doesNotContain("orders-it-2");
        }
    }

    @Test
    void aServiceWithoutAPasswordSaysSoAndIsRefused(CapturedOutput output) {
        double refusedBefore = refusals("missing-credentials");
        try (ConfigurableApplicationContext orders = RegisteringService.start("orders", "orders-it-3", port, null)) {
            await().atMost(PATIENCE).until(() -> refusals("missing-credentials") > refusedBefore);
            assertThat(listing("ORDERS")).doesNotContain("orders-it-3");
            assertThat(output).contains("emporium.registry.password is not set: the registry will refuse this "
                    + "instance (HTTP 401)");
        }
    }

    private double refusals(String reason) {
        Counter counter = meters.find("emporium.security.events").tag("type", "authentication-failure")
                .tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private String listing(String application) {
        HttpResponse<String> response = new RegistryCalls(port).get("/eureka/apps/" + application,
                basic("runner", "runner-secret"));
        return response.statusCode() == 200 ? response.body() : "";
    }
}
