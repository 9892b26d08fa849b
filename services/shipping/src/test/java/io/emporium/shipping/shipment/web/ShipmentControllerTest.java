package io.emporium.shipping.shipment.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.security.TestIssuer;
import io.emporium.shipping.shipment.application.CreateShipmentCommand;
import io.emporium.shipping.shipment.application.DirectTransactions;
import io.emporium.shipping.shipment.application.InMemoryShipments;
import io.emporium.shipping.shipment.application.RecordingReplies;
import io.emporium.shipping.shipment.application.ShippingDesk;
import io.emporium.shipping.shipment.model.CustomerId;
import io.emporium.shipping.shipment.model.OrderId;
import io.emporium.shipping.shipment.model.ShipmentLine;
import io.emporium.shipping.shipment.model.ShippingRules;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;

/**
 * The REST adapter alone, over in-memory shipments: JSON shape, validation, problems, and who may see which
 * shipment (its customer or an administrator, with a token).
 */
@WebMvcTest(ShipmentController.class)
@TestInfrastructure
class ShipmentControllerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final TestIssuer issuer = TestIssuer.shared();

    private final MockMvcTester mvc;
    private final ShippingDesk service;
    private final String alice = "Bearer " + issuer.customer("alice");
    private final String bob = "Bearer " + issuer.customer("bob");
    private final String admin = "Bearer " + issuer.admin();

    ShipmentControllerTest(MockMvcTester mvc, ShippingDesk service) {
        this.mvc = mvc;
        this.service = service;
    }

    @Test
    void shipmentOfAnOrderIsRenderedWithItsLines() {
        String shipmentId = create("order-1", "alice");

        assertThat(read("order-1", alice)).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"shipmentId":"%s","orderId":"order-1","customerId":"alice","status":"CREATED",
                 "lines":[{"sku":"SKU-000001","quantity":2},{"sku":"SKU-000002","quantity":1}],
                 "createdAt":"2026-01-01T10:00:00Z"}""".formatted(shipmentId));
    }

    @Test
    void rejectedShipmentIsShownToo() {
        create("order-2", "unshippable-carol");

        assertThat(read("order-2", "Bearer " + issuer.customer("unshippable-carol"))).hasStatusOk()
                .bodyJson().extractingPath("$.status").asString().isEqualTo("REJECTED");
    }

    @Test
    void orderWithoutShipmentIsA404Problem() {
        MvcTestResult result = read("no-such-order", alice);

        assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().isEqualTo("No shipment for order no-such-order");
        assertThat(result).bodyJson().extractingPath("$.title").asString().isEqualTo("Shipment not found");
    }

    @Test
    void anotherCustomersShipmentIsTheSame404AsAnOrderWithoutShipment() throws Exception {
        MvcTestResult beforeTheShipment = read("order-of-alice", bob);
        create("order-of-alice", "alice");

        MvcTestResult ofAnotherCustomer = read("order-of-alice", bob);

        assertThat(beforeTheShipment).hasStatus(404);
        assertThat(ofAnotherCustomer).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyText().isEqualTo(beforeTheShipment.getResponse().getContentAsString());
        assertThat(ofAnotherCustomer.getResponse().getHeaderNames())
                .containsExactlyInAnyOrderElementsOf(beforeTheShipment.getResponse().getHeaderNames());
        assertThat(read("order-of-alice", alice)).hasStatusOk();
    }

    @Test
    void anAdminSeesEveryCustomersShipment() {
        create("order-of-dave", "dave");

        assertThat(read("order-of-dave", admin)).hasStatusOk()
                .bodyJson().extractingPath("$.customerId").asString().isEqualTo("dave");
    }

    @Test
    void withoutATokenTheAnswerIsA401ProblemWithABearerChallenge() {
        create("order-3", "alice");

        assertThat(read("order-3", null)).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .headers().hasValue("WWW-Authenticate", "Bearer");
        assertThat(read("order-3", "Bearer not-a-token")).hasStatus(401);
    }

    @Test
    void malformedOrderIdIsA400ProblemNamingIt() {
        assertThat(read("x".repeat(65), alice)).hasStatus(400)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("orderId");
    }

    @Test
    void shipmentsCannotBeChangedOverHttp() {
        assertThat(mvc.post().uri("/api/shipping/orders/order-1").header(AUTHORIZATION, admin)).hasStatus(405);
    }

    private MvcTestResult read(String orderId, String authorization) {
        var request = mvc.get().uri("/api/shipping/orders/{orderId}", orderId);
        return (authorization == null ? request : request.header(AUTHORIZATION, authorization)).exchange();
    }

    private String create(String orderId, String customer) {
        service.create(new CreateShipmentCommand(new OrderId(orderId), new CustomerId(customer),
                List.of(new ShipmentLine("SKU-000001", 2), new ShipmentLine("SKU-000002", 1))));
        return service.shipmentOf(new OrderId(orderId)).orElseThrow().id().toString();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class InMemoryShippingDesk {

        @Bean
        ShippingDesk shippingDesk() {
            InMemoryShipments shipments = new InMemoryShipments();
            return new ShippingDesk(shipments, shipments, new ShippingRules(50, "unshippable-"),
                    new RecordingReplies(), new DirectTransactions(), Clock.fixed(NOW, ZoneOffset.UTC));
        }
    }
}
