package io.emporium.gateway.orderdetails;

import java.time.Duration;
import java.util.List;

import io.emporium.gateway.Downstreams;
import io.emporium.gateway.Gateway;
import io.emporium.gateway.Gateway.Answer;
import io.emporium.gateway.ScriptedService;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static io.emporium.gateway.ScriptedService.ok;
import static io.emporium.gateway.ScriptedService.seconds;
import static io.emporium.gateway.ScriptedService.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/orders/{id}/details composed by the gateway from stub orders, payments, shipping and catalog services
 * (answering in the services' real JSON shapes), degrading part by part when one of them fails or hangs, and
 * shedding load beyond its bulkhead (2 at once here). The last test stops the shipping stub for good.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false", "emporium.gateway.rate-limit.enabled=false",
        "resilience4j.bulkhead.instances.order-details.max-concurrent-calls=2" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SuppressWarnings("unchecked")
class OrderDetailsTest {

    static final String ORDER = """
            {"id":"o-1","customerId":"alice","status":"SHIPPED","items":[
              {"sku":"SKU-000001","quantity":1,"unitPrice":12.50},{"sku":"SKU-000002","quantity":2,"unitPrice":3.00},
              {"sku":"SKU-000001","quantity":1,"unitPrice":12.50}],
             "total":{"amount":31.00,"currency":"EUR"},"paymentId":"p-1","shipmentId":"s-1","cancelReason":null,
             "placedAt":"2026-01-01T10:00:00Z","updatedAt":"2026-01-01T10:05:00Z","timeline":[]}""";

    @RegisterExtension
    static final Downstreams downstreams = new Downstreams();
    static final ScriptedService orders = downstreams.scripted("orders");
    static final ScriptedService payments = downstreams.scripted("payments");
    static final ScriptedService shipping = downstreams.scripted("shipping");
    static final ScriptedService catalog = downstreams.scripted("catalog");
    static final String TOKEN = TestIssuer.shared().customer("alice");

    @LocalServerPort
    int port;

    Gateway gateway;
    WebTestClient client;

    @BeforeEach
    void setUp() {
        gateway = new Gateway(port);
        client = gateway.client(TOKEN);
        orders.script(ok(ORDER));
        payments.script(ok("{\"id\":\"p-1\",\"orderId\":\"o-1\",\"status\":\"CAPTURED\"}"));
        shipping.script(ok("{\"id\":\"s-1\",\"orderId\":\"o-1\",\"status\":\"IN_TRANSIT\"}"));
        catalog.script((exchange, n) -> ScriptedService.respond(exchange, 200,
                "{\"sku\":\"" + exchange.getRequestURI().getPath().replaceAll(".*/", "") + "\",\"name\":\"thing\"}"));
    }

    @Test
    @Order(1)
    void composesTheOrderWithItsPaymentShipmentAndProducts() {
        client.get().uri("/api/orders/o-1/details").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.order.id").isEqualTo("o-1")
                .jsonPath("$.order.total.amount").isEqualTo(31.00)
                .jsonPath("$.payment.status").isEqualTo("CAPTURED")
                .jsonPath("$.shipment.status").isEqualTo("IN_TRANSIT")
                .jsonPath("$.products.length()").isEqualTo(2)
                .jsonPath("$.products[*].sku").value(skus -> assertThat((List<Object>) skus)
                        .containsExactlyInAnyOrder("SKU-000001", "SKU-000002"))
                .jsonPath("$.degraded").isEmpty();

        assertThat(orders.received()).containsExactly("GET /api/orders/o-1");
        assertThat(payments.received()).containsExactly("GET /api/payments/orders/o-1");
        assertThat(shipping.received()).containsExactly("GET /api/shipping/orders/o-1");
        assertThat(catalog.received()).containsExactlyInAnyOrder("GET /api/catalog/products/sku/SKU-000001",
                "GET /api/catalog/products/sku/SKU-000002");
    }

    @Test
    @Order(2)
    void aPartThatDoesNotExistYetIsNullButNotDegraded() {
        shipping.script(status(404, "{\"status\":404,\"title\":\"Not Found\"}"));

        client.get().uri("/api/orders/o-1/details").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.shipment").isEmpty()
                .jsonPath("$.payment.status").isEqualTo("CAPTURED")
                .jsonPath("$.degraded").isEmpty();
    }

    @Test
    @Order(3)
    void anOrderTheCallerMayNotSeeIsTheOrdersServicesOwn404AndNothingElseIsAsked() {
        orders.script(status(404, "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}"));

        client.get().uri("/api/orders/o-2/details").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Not Found");

        assertThat(payments.requests() + shipping.requests() + catalog.requests()).isZero();
    }

    @Test
    @Order(4)
    void withoutATokenItIsA401LikeEveryOrderPath() {
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build()
                .get().uri("/api/orders/o-1/details").exchange().expectStatus().isUnauthorized();

        assertThat(orders.requests()).isZero();
    }

    @Test
    @Order(5)
    void beyondItsBulkheadRequestsAreShedAtOnceWithoutCallingAnyServiceWhileAdmittedOnesSucceed() {
        orders.script(orders.after(seconds(1), ok(ORDER)));

        List<Answer> answers = Flux.range(0, 4).flatMap(i -> call("/api/orders/o-1/details"), 4).collectList()
                .block(Duration.ofSeconds(20));

        assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(2)
                .allSatisfy(admitted -> assertThat(admitted.body()).contains("\"CAPTURED\"", "\"IN_TRANSIT\""));
        assertThat(answers).filteredOn(answer -> answer.status() == 503).hasSize(2).allSatisfy(shed -> {
            assertThat(shed.retryAfter()).isEqualTo("1");
            assertThat(shed.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(shed.took()).isLessThan(seconds(0.8));
            assertThat(shed.body()).contains("order details", "busy");
        });
        assertThat(orders.requests()).as("shed requests call no service").isEqualTo(2);
        assertThat(payments.requests()).isEqualTo(2);
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics)
                        .containsPattern("emporium_gateway_shed_total\\{[^}]*route=\"order-details\"[^}]*} 2\\.0")
                        .containsPattern("resilience4j_bulkhead_max_allowed_concurrent_calls\\{[^}]*name=\"order-details\"[^}]*} 2\\.0"));
    }

    @Test
    @Order(6)
    void aHangingShippingServiceLeavesTheShipmentOutWithinTheDeadline() {
        shipping.script(shipping.hang());

        long started = System.nanoTime();
        client.get().uri("/api/orders/o-1/details").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.order.id").isEqualTo("o-1")
                .jsonPath("$.payment.status").isEqualTo("CAPTURED")
                .jsonPath("$.shipment").isEmpty()
                .jsonPath("$.products.length()").isEqualTo(2)
                .jsonPath("$.degraded").value(degraded -> assertThat((List<Object>) degraded).containsExactly("shipment"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(seconds(1.4), seconds(2.5));
    }

    @Test
    @Order(7)
    void aStoppedShippingServiceLeavesTheShipmentOut() {
        shipping.stop();

        long started = System.nanoTime();
        client.get().uri("/api/orders/o-1/details").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.shipment").isEmpty()
                .jsonPath("$.payment.status").isEqualTo("CAPTURED")
                .jsonPath("$.degraded").value(degraded -> assertThat((List<Object>) degraded).containsExactly("shipment"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(seconds(2.5));
    }

    private Mono<Answer> call(String path) {
        return gateway.get(path, TOKEN);
    }
}
