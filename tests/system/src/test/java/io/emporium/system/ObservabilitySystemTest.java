package io.emporium.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.emporium.system.Api.json;
import static io.emporium.system.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One customer request is one trace, from the gateway through every service and every Kafka hop of its saga: the
 * trace id is in the logs of each service that took part and Zipkin holds the spans of all of them.
 */
@Order(4)
@ExtendWith(RunningSystem.class)
class ObservabilitySystemTest {

    static final List<String> ORDER_PATH = List.of("gateway", "orders", "inventory", "payments", "shipping",
            "notifications");

    @Test
    void aLogLevelChangesOnEveryInstanceWithoutARestartAndIsReverted() {
        long pid = Emporium.pidOf("orders#1");

        Emporium.Result debug = Emporium.run(Duration.ofMinutes(1), "loglevel", "orders", "io.emporium.orders", "DEBUG");
        assertThat(debug.exitCode()).as(debug.output()).isZero();
        assertThat(debug.output()).contains("orders#1 io.emporium.orders DEBUG");
        assertThat(orderLogger().get("effectiveLevel").asString()).isEqualTo("DEBUG");

        Emporium.Result reset = Emporium.run(Duration.ofMinutes(1), "loglevel", "orders", "io.emporium.orders", "--reset");
        assertThat(reset.exitCode()).as(reset.output()).isZero();
        JsonNode logger = orderLogger();
        assertThat(logger.path("configuredLevel").isNull() || logger.path("configuredLevel").isMissingNode()).isTrue();
        assertThat(logger.get("effectiveLevel").asString()).isEqualTo("INFO");
        assertThat(Emporium.pidOf("orders#1")).as("the same process: no restart").isEqualTo(pid);
    }

    private static JsonNode orderLogger() {
        HttpResponse<String> logger = Api.send(Api.authorized(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:8082/actuator/loggers/io.emporium.orders")), token("admin")).build());
        assertThat(logger.statusCode()).as(logger.body()).isEqualTo(200);
        return json.readTree(logger.body());
    }

    /** Runs after orders went through the system (earlier test classes), so every family has series. */
    @Test
    void everyServiceExposesItsRedJvmPoolKafkaAndDomainMetrics() {
        Map<String, Integer> ports = Map.of("gateway", 8080, "identity", 9000, "catalog", 8081, "orders", 8082,
                "inventory", 8083, "payments", 8084, "shipping", 8085, "notifications", 8086);
        Map<String, List<String>> expected = Map.of(
                "gateway", List.of("http_server_requests_seconds_bucket", "emporium_security_events_total",
                        "emporium_gateway_rate_limited_total"),
                "identity", List.of("emporium_security_logins_total", "hikaricp_connections_active"),
                "catalog", List.of("hikaricp_connections_active"),
                "orders", List.of("http_client_requests_seconds_count", "emporium_saga_completed_total",
                        "emporium_saga_duration_seconds_bucket", "emporium_outbox_backlog_messages",
                        "kafka_consumer_fetch_manager_records_lag_max", "hikaricp_connections_active"),
                "inventory", List.of("emporium_outbox_backlog_messages", "kafka_consumer_fetch_manager_records_lag_max"),
                "payments", List.of("emporium_outbox_backlog_messages", "kafka_consumer_fetch_manager_records_lag_max"),
                "shipping", List.of("emporium_outbox_backlog_messages", "kafka_consumer_fetch_manager_records_lag_max"),
                "notifications", List.of("kafka_consumer_fetch_manager_records_lag_max"));
        ports.forEach((service, port) -> {
            HttpResponse<String> metrics = Api.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build());
            assertThat(metrics.statusCode()).as(service).isEqualTo(200);
            assertThat(metrics.body()).as(service).contains("http_server_requests_seconds_count", "jvm_memory_used_bytes",
                    "application=\"" + service + "\"", "instance=\"" + service + "-1\"");
            assertThat(metrics.body()).as(service).contains(expected.get(service));
        });
    }

    @Test
    void anOrderIsOneTraceAcrossTheGatewayEveryServiceAndEveryKafkaHop() {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        String traceId = HexFormat.of().formatHex(random);
        HttpResponse<String> placed = Api.send(Api.authorized(HttpRequest.newBuilder(URI.create(Api.GATEWAY + "/api/orders")),
                token("alice")).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(random, 0, 8) + "-01")
                .POST(BodyPublishers.ofString("{\"items\":[{\"sku\":\"SKU-000401\",\"quantity\":1}]}")).build());
        assertThat(placed.headers().firstValue("X-Trace-Id")).hasValue(traceId);
        String orderId = Api.idOf(placed);
        assertThat(Api.awaitFinal(orderId, Duration.ofSeconds(60)).get("status").asString()).isEqualTo("CONFIRMED");
        Api.awaitNotified(orderId);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String service : ORDER_PATH) {
                assertThat(RunningSystem.linesOfThisRun(service)).as("log lines of %s in trace %s", service, traceId)
                        .anySatisfy(line -> assertThat(json.readTree(line).path("trace.id").asString())
                                .isEqualTo(traceId));
            }
        });
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> trace = Api.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:9411/api/v2/trace/" + traceId)).build());
            assertThat(trace.statusCode()).isEqualTo(200);
            Set<String> services = new HashSet<>();
            for (JsonNode span : json.readTree(trace.body())) {
                services.add(span.at("/localEndpoint/serviceName").asString());
            }
            assertThat(services).containsAll(ORDER_PATH);
        });
    }
}
