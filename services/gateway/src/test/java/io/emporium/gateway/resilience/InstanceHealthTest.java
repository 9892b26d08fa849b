package io.emporium.gateway.resilience;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.emporium.gateway.Downstreams;
import io.emporium.gateway.ScriptedService;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Instances that die or stop being ready leave the rotation within seconds, and no GET is lost meanwhile: two stub
 * instances each of notifications and catalog behind the running gateway, with the production health-check
 * settings (readiness probe every second).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false", "emporium.gateway.rate-limit.enabled=false" })
class InstanceHealthTest {

    @RegisterExtension
    static final Downstreams downstreams = new Downstreams();
    static final ScriptedService notifications1 = downstreams.scripted("notifications");
    static final ScriptedService notifications2 = downstreams.scripted("notifications");
    static final ScriptedService catalog1 = downstreams.scripted("catalog");
    static final ScriptedService catalog2 = downstreams.scripted("catalog");
    static final String TOKEN = TestIssuer.shared().customer("alice");

    @LocalServerPort
    int port;

    @Autowired
    LoadBalancerClientFactory loadBalancers;

    @Test
    void killingOneOfTwoInstancesUnderReadLoadLosesNoGetAndTakesItOutOfRotation() {
        notifications1.script(ScriptedService.ok("{\"unread\":0}"));
        notifications2.script(ScriptedService.ok("{\"unread\":0}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> inRotation("notifications").size() == 2);

        AtomicBoolean loading = new AtomicBoolean(true);
        Mono<List<Integer>> load = Flux.range(0, 6)
                .flatMap(user -> Flux.range(0, Integer.MAX_VALUE).concatMap(i -> get("/api/notifications/mine"))
                        .takeWhile(status -> loading.get()), 6)
                .collectList().cache();
        load.subscribe();
        await().atMost(Duration.ofSeconds(5)).until(() -> notifications1.requests() > 20);

        notifications1.stop();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(inRotation("notifications"))
                .singleElement().satisfies(instance -> assertThat(instance.getUri().toString())
                        .isEqualTo(notifications2.uri())));
        int served = notifications2.requests();
        await().atMost(Duration.ofSeconds(5)).until(() -> notifications2.requests() > served + 50);
        loading.set(false);

        List<Integer> statuses = load.block(Duration.ofSeconds(10));
        assertThat(statuses).hasSizeGreaterThan(100).containsOnly(200);
    }

    @Test
    void anInstanceThatIsNotReadyLeavesTheRotationAndComesBack() {
        catalog1.script(ScriptedService.ok("{}"));
        catalog2.script(ScriptedService.ok("{}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> inRotation("catalog").size() == 2);

        catalog2.notReady();
        await().atMost(Duration.ofSeconds(5)).until(() -> inRotation("catalog").size() == 1);
        for (int i = 0; i < 10; i++) {
            assertThat(get("/api/catalog/products").block()).isEqualTo(200);
        }
        assertThat(catalog2.requests()).isZero();
        assertThat(catalog1.requests()).isEqualTo(10);

        catalog2.script(ScriptedService.ok("{}")); // ready again
        await().atMost(Duration.ofSeconds(5)).until(() -> inRotation("catalog").size() == 2);
    }

    private List<ServiceInstance> inRotation(String service) {
        return loadBalancers.getInstance(service, ServiceInstanceListSupplier.class).get().blockFirst();
    }

    private Mono<Integer> get(String path) {
        return WebClient.create("http://127.0.0.1:" + port).get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
    }
}
