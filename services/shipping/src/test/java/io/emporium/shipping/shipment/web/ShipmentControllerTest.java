package io.emporium.shipping.shipment.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.emporium.shipping.shipment.application.CreateShipmentCommand;
import io.emporium.shipping.shipment.application.DirectTransactions;
import io.emporium.shipping.shipment.application.InMemoryShipments;
import io.emporium.shipping.shipment.application.RecordingReplies;
import io.emporium.shipping.shipment.application.ShipmentService;
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

/** The REST adapter alone, over in-memory shipments: JSON shape, validation and problems. */
@WebMvcTest(ShipmentController.class)
class ShipmentControllerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private final MockMvcTester mvc;
    private final ShipmentService service;

    ShipmentControllerTest(MockMvcTester mvc, ShipmentService service) {
        this.mvc = mvc;
        this.service = service;
    }

    @Test
    void shipmentOfAnOrderIsRenderedWithItsLines() {
        String shipmentId = create("order-1", "alice");

        assertThat(mvc.get().uri("/api/shipping/orders/order-1")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"shipmentId":"%s","orderId":"order-1","customerId":"alice","status":"CREATED",
                 "lines":[{"sku":"SKU-000001","quantity":2},{"sku":"SKU-000002","quantity":1}],
                 "createdAt":"2026-01-01T10:00:00Z"}""".formatted(shipmentId));
    }

    @Test
    void rejectedShipmentIsShownToo() {
        create("order-2", "unshippable-carol");

        assertThat(mvc.get().uri("/api/shipping/orders/order-2")).hasStatusOk()
                .bodyJson().extractingPath("$.status").asString().isEqualTo("REJECTED");
    }

    @Test
    void orderWithoutShipmentIsA404Problem() {
        MvcTestResult result = mvc.get().uri("/api/shipping/orders/no-such-order").exchange();

        assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().isEqualTo("No shipment for order no-such-order");
        assertThat(result).bodyJson().extractingPath("$.title").asString().isEqualTo("Shipment not found");
    }

    @Test
    void malformedOrderIdIsA400ProblemNamingIt() {
        assertThat(mvc.get().uri("/api/shipping/orders/{id}", "x".repeat(65))).hasStatus(400)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("orderId");
    }

    @Test
    void shipmentsCannotBeChangedOverHttp() {
        assertThat(mvc.post().uri("/api/shipping/orders/order-1")).hasStatus(405);
    }

    private String create(String orderId, String customer) {
        service.create(new CreateShipmentCommand(new OrderId(orderId), new CustomerId(customer),
                List.of(new ShipmentLine("SKU-000001", 2), new ShipmentLine("SKU-000002", 1))));
        return service.shipmentOf(new OrderId(orderId)).orElseThrow().id().toString();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class InMemoryShipmentService {

        @Bean
        ShipmentService shipmentService() {
            InMemoryShipments shipments = new InMemoryShipments();
            return new ShipmentService(shipments, shipments, new ShippingRules(50, "unshippable-"),
                    new RecordingReplies(), new DirectTransactions(), Clock.fixed(NOW, ZoneOffset.UTC));
        }
    }
}
