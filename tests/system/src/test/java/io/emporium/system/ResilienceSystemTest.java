package io.emporium.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.emporium.system.Api.json;
import static io.emporium.system.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults injected for real into the running system, with the operator's own commands: {@code ./emporium chaos}
 * (errors and latency inside a service), {@code kill -STOP} (a hung process), {@code ./emporium kill} (SIGKILL) and
 * {@code ./emporium scale}. Each test asserts what a client of the gateway sees, and that the system heals itself.
 */
@Order(5)
@ExtendWith(RunningSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceSystemTest {

    @Test
    @Order(1)
    void orderDetailsDegradeToWhatIsAvailableWhenShippingFailsAndRecoverWhenItIsBack() {
        String id = confirmedOrderOf("alice", "SKU-000501");
        JsonNode whole = details(id, Duration.ofSeconds(3));
        assertThat(whole.get("degraded")).isEmpty();
        assertThat(whole.at("/order/id").asString()).isEqualTo(id);
        assertThat(whole.at("/payment/status").asString()).isEqualTo("CAPTURED");
        assertThat(whole.get("shipment").isObject()).isTrue();
        assertThat(whole.get("products")).isNotEmpty();

        try {
            emporium("chaos", "shipping", "--error-rate", "1", "--for", "60s");
            JsonNode degraded = details(id, Duration.ofSeconds(3));
            assertThat(degraded.get("degraded")).extracting(JsonNode::asString).containsExactly("shipment");
            assertThat(degraded.get("shipment").isNull()).isTrue();
            assertThat(degraded.at("/payment/status").asString()).isEqualTo("CAPTURED");
            assertThat(degraded.at("/order/id").asString()).isEqualTo(id);
        }
        finally {
            emporium("chaos", "shipping", "--off");
        }
        // the gateway's breaker for shipping may have opened: it lets calls through again after its wait
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(details(id, Duration.ofSeconds(3)).get("degraded")).isEmpty());
    }

    @Test
    @Order(2)
    void aHungServiceIsCutAtTheDeadlineAndRestartedWhenItsLivenessFails() {
        String id = confirmedOrderOf("bob", "SKU-000502");
        long hung = Emporium.pidOf("shipping#1");
        Emporium.signal(hung, "STOP");
        try {
            JsonNode degraded = details(id, Duration.ofSeconds(4));
            assertThat(degraded.get("degraded")).extracting(JsonNode::asString).containsExactly("shipment");
            assertThat(degraded.at("/payment/status").asString()).isEqualTo("CAPTURED");

            // the supervisor's liveness probe fails several times in a row: it kills the process and starts a new one
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Emporium.pidOf("shipping#1") != hung);
        }
        finally {
            if (ProcessHandle.of(hung).isPresent()) {
                Emporium.signal(hung, "CONT");
            }
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(details(id, Duration.ofSeconds(4)).get("degraded")).isEmpty());
    }

    @Test
    @Order(3)
    void killingOneOfTwoCatalogInstancesUnderAReadLoadLosesNoRequest() throws Exception {
        emporium("scale", "catalog=2");
        try {
            int secondPort = portOf("catalog#2");
            // both instances are in rotation once the gateway has sent the second one requests
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Api.send(HttpRequest.newBuilder(URI.create(Api.GATEWAY + "/api/catalog/products/7")).build());
                return productReadsServedBy(secondPort) > 0;
            });

            List<Future<Integer>> answers = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                long start = System.nanoTime();
                // 40 requests a second for 12 s (below the gateway's per-client limit), the kill after 3 s
                for (int n = 0; n < 480; n++) {
                    long due = start + n * 25_000_000L;
                    java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                    if (n == 120) {
                        clients.submit(() -> emporium("kill", "catalog#2"));
                    }
                    int product = ThreadLocalRandom.current().nextInt(1, 1001);
                    answers.add(clients.submit(() -> Api.send(HttpRequest.newBuilder(
                            URI.create(Api.GATEWAY + "/api/catalog/products/" + product))
                            .timeout(Duration.ofSeconds(10)).build()).statusCode()));
                }
            }
            List<Integer> failed = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                if (answer.get() != 200) {
                    failed.add(answer.get());
                }
            }
            assertThat(failed).as("answers other than 200 while catalog#2 was killed").isEmpty();

            // the supervisor restarts the killed instance ...
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> restartsOf("catalog#2") >= 1 && statusLineOf("catalog#2").contains("UP"));
        }
        finally {
            // ... and scaling back stops it, and it leaves discovery; done even when the test failed, so that the
            // tests after it do not meet a second catalog instance that is still restarting
            emporium("scale", "catalog=1");
        }
        assertThat(Emporium.run(Duration.ofSeconds(30), "status").output()).doesNotContain("catalog#2");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> !registeredInstancesOf("catalog").contains("catalog-2"));
    }

    @Test
    @Order(4)
    void aSlowServiceIsCutAtTheGatewaysTimeoutWithAProblem() {
        try {
            // inside the try: if it fails half-way (one instance set, another not), the finally still turns it off
            emporium("chaos", "catalog", "--latency", "8s", "--for", "60s");
            long start = System.nanoTime();
            HttpResponse<String> slow = Api.send(HttpRequest.newBuilder(
                    URI.create(Api.GATEWAY + "/api/catalog/categories")).timeout(Duration.ofSeconds(20)).build());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(slow.statusCode()).as(slow.body()).isIn(503, 504);
            assertThat(slow.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(took).as("answered at the route's deadline, not after the catalog's 8 s")
                    .isLessThan(Duration.ofSeconds(7));
        }
        finally {
            emporium("chaos", "catalog", "--off");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> Api.send(
                HttpRequest.newBuilder(URI.create(Api.GATEWAY + "/api/catalog/categories")).build()).statusCode() == 200);
    }

    @Test
    @Order(5)
    void breakersRetriesAndBulkheadsAreVisibleInTheMetrics() {
        assertThat(metricsOf(8080)).contains("resilience4j_circuitbreaker_state{", "name=\"catalog\"",
                "resilience4j_retry_calls", "resilience4j_bulkhead_available_concurrent_calls")
                .containsPattern("emporium_gateway_shed_total\\{[^}]*route=\"catalog\"")
                .containsPattern("emporium_gateway_shed_total\\{[^}]*route=\"order-details\"");
        assertThat(metricsOf(8082)).contains("resilience4j_circuitbreaker_state{", "name=\"catalog\"",
                "resilience4j_bulkhead");
        assertThat(metricsOf(8085)).contains("emporium_consumer_paused");
    }

    private static String confirmedOrderOf(String customer, String sku) {
        String id = Api.idOf(Api.placeOrder(customer, sku, 1));
        assertThat(Api.awaitFinal(id, Duration.ofSeconds(60)).get("status").asString()).isEqualTo("CONFIRMED");
        Api.awaitPaymentStatus(id, "CAPTURED");
        return id;
    }

    /** The composed order, which must come within {@code deadline} whatever its parts do. */
    private static JsonNode details(String orderId, Duration deadline) {
        long start = System.nanoTime();
        HttpResponse<String> response = Api.get("/api/orders/" + orderId + "/details", token("admin"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered within its deadline")
                .isLessThan(deadline);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String emporium(String... args) {
        Emporium.Result result = Emporium.run(Duration.ofMinutes(3), args);
        assertThat(result.exitCode()).as("emporium " + String.join(" ", args) + ":\n" + result.output()).isZero();
        return result.output();
    }

    private static String statusLineOf(String part) {
        return Emporium.run(Duration.ofSeconds(30), "status").output().lines().map(String::trim)
                .filter(line -> line.startsWith(part + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + part + " in status"));
    }

    private static int portOf(String part) {
        return Integer.parseInt(statusLineOf(part).split("\\s+")[2]);
    }

    private static int restartsOf(String part) {
        return Integer.parseInt(statusLineOf(part).split("\\s+")[5]);
    }

    /** How many product reads an instance has served, from its own metrics. */
    private static double productReadsServedBy(int port) {
        return metricsOf(port).lines().filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                .filter(line -> line.contains("uri=\"/api/catalog/products/{id}\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static String metricsOf(int port) {
        HttpResponse<String> metrics = Api.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build());
        assertThat(metrics.statusCode()).isEqualTo(200);
        return metrics.body();
    }

    /** Instance ids the registry lists for a service. */
    private static List<String> registeredInstancesOf(String service) {
        HttpResponse<String> apps = Api.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:8761/eureka/apps/" + service)).header("Accept", "application/json")
                .header("Authorization", Api.REGISTRY_READER).build());
        assertThat(apps.statusCode()).as("the registry answers the runner's read-only login").isIn(200, 404);
        List<String> ids = new ArrayList<>();
        if (apps.statusCode() == 200) {
            JsonNode instances = json.readTree(apps.body()).at("/application/instance");
            (instances.isArray() ? instances : json.createArrayNode().add(instances))
                    .forEach(instance -> ids.add(instance.get("instanceId").asString()));
        }
        return ids;
    }
}
