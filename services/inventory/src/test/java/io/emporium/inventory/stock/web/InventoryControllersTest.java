package io.emporium.inventory.stock.web;

import java.util.List;

import io.emporium.inventory.stock.application.InMemoryStore;
import io.emporium.inventory.stock.application.ReleaseStockCommand;
import io.emporium.inventory.stock.application.ReserveStockCommand;
import io.emporium.inventory.stock.application.Warehouse;
import io.emporium.inventory.stock.model.OrderId;
import io.emporium.inventory.stock.model.RequestedLine;
import io.emporium.inventory.stock.model.Sku;
import io.emporium.inventory.stock.model.StockLevel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST adapters alone, over an in-memory store: JSON shapes, parameter validation and problem responses. */
@WebMvcTest({ StockController.class, ReservationController.class })
class InventoryControllersTest {

    private final MockMvcTester mvc;

    InventoryControllersTest(MockMvcTester mvc) {
        this.mvc = mvc;
    }

    @Test
    void stockOfASkuIsRenderedWithItsBuckets() {
        assertThat(mvc.get().uri("/api/inventory/stock/SKU-000001")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"sku":"SKU-000001","available":8,"reserved":2,"shipped":0}""");
    }

    @Test
    void unknownSkuIsA404Problem() {
        MvcTestResult result = mvc.get().uri("/api/inventory/stock/SKU-999999").exchange();

        assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().isEqualTo("No stock of SKU SKU-999999");
        assertThat(result).bodyJson().extractingPath("$.title").asString().isEqualTo("Stock not found");
    }

    @Test
    void malformedSkuIsA400ProblemNamingIt() {
        assertThat(mvc.get().uri("/api/inventory/stock/sku-1")).hasStatus(400)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("sku");
    }

    @Test
    void severalSkusAreListedInSkuOrderWithoutTheUnknownOnes() {
        assertThat(mvc.get().uri("/api/inventory/stock?skus=SKU-001200,SKU-999999,SKU-000001")).hasStatusOk()
                .bodyJson().isStrictlyEqualTo("""
                        [{"sku":"SKU-000001","available":8,"reserved":2,"shipped":0},
                         {"sku":"SKU-001200","available":0,"reserved":0,"shipped":0}]""");
    }

    @Test
    void aHundredSkusAreTheMostOneRequestMayAskFor() {
        String hundred = String.join(",", java.util.stream.IntStream.rangeClosed(1, 100)
                .mapToObj("SKU-%06d"::formatted).toList());

        assertThat(mvc.get().uri("/api/inventory/stock?skus=" + hundred)).hasStatusOk();
        assertThat(mvc.get().uri("/api/inventory/stock?skus=" + hundred + ",SKU-000101")).hasStatus(400)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("skus");
    }

    @Test
    void aMalformedOrMissingSkuListIsA400Problem() {
        assertThat(mvc.get().uri("/api/inventory/stock?skus=SKU-000001,bad sku")).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("skus");
        assertThat(mvc.get().uri("/api/inventory/stock?skus=")).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().uri("/api/inventory/stock")).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void restockingSetsAvailableAndAnswersTheNewStock() {
        assertThat(mvc.put().uri("/api/inventory/stock/SKU-000003").contentType(MediaType.APPLICATION_JSON)
                .content("{\"available\": 25}")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                        {"sku":"SKU-000003","available":25,"reserved":3,"shipped":1}""");
    }

    @Test
    void restockingAnUnknownSkuIsA404Problem() {
        assertThat(mvc.put().uri("/api/inventory/stock/SKU-999999").contentType(MediaType.APPLICATION_JSON)
                .content("{\"available\": 25}")).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void restockingWithNegativeMissingOrMalformedAvailableIsA400Problem() {
        assertThat(mvc.put().uri("/api/inventory/stock/SKU-000001").contentType(MediaType.APPLICATION_JSON)
                .content("{\"available\": -1}")).hasStatus(400)
                .bodyJson().extractingPath("$.errors[*].message").asArray().containsExactly("must be greater than or equal to 0");
        assertThat(mvc.put().uri("/api/inventory/stock/SKU-000001").contentType(MediaType.APPLICATION_JSON)
                .content("{}")).hasStatus(400)
                .bodyJson().extractingPath("$.errors[*].message").asArray().containsExactly("must not be null");
        assertThat(mvc.put().uri("/api/inventory/stock/SKU-000001").contentType(MediaType.APPLICATION_JSON)
                .content("{\"available\": \"many\"}")).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.put().uri("/api/inventory/stock/SKU-000001").contentType(MediaType.APPLICATION_JSON)
                .content("{\"available\": 1000000001}")).hasStatus(400);
    }

    @Test
    void reservationIsRenderedWithItsLinesAndStatus() {
        assertThat(mvc.get().uri("/api/inventory/reservations/order-1")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"orderId":"order-1","status":"RESERVED","lines":[{"sku":"SKU-000001","quantity":2}],
                 "reason":null,"unavailableSkus":[]}""");
    }

    @Test
    void rejectedAndReleasedReservationsCarryTheirReason() {
        assertThat(mvc.get().uri("/api/inventory/reservations/order-2")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"orderId":"order-2","status":"REJECTED","lines":[],
                 "reason":"insufficient stock","unavailableSkus":["SKU-001200"]}""");
        assertThat(mvc.get().uri("/api/inventory/reservations/order-3")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"orderId":"order-3","status":"RELEASED","lines":[],
                 "reason":"saga timed out","unavailableSkus":[]}""");
    }

    @Test
    void missingReservationIsA404Problem() {
        assertThat(mvc.get().uri("/api/inventory/reservations/order-404")).hasStatus(404)
                .bodyJson().extractingPath("$.detail").asString().isEqualTo("No reservation for order order-404");
    }

    @Test
    void malformedOrderIdIsA400Problem() {
        assertThat(mvc.get().uri("/api/inventory/reservations/" + "x".repeat(65))).hasStatus(400)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("orderId");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class InMemoryWarehouse {

        @Bean
        Warehouse warehouse() {
            Warehouse warehouse = new InMemoryStore().with(new StockLevel(new Sku("SKU-000001"), 10, 0, 0),
                    new StockLevel(new Sku("SKU-001200"), 0, 0, 0), new StockLevel(new Sku("SKU-000003"), 7, 3, 1))
                    .warehouse();
            warehouse.reserve(new ReserveStockCommand(new OrderId("order-1"), List.of(new RequestedLine("SKU-000001", 2))));
            warehouse.reserve(new ReserveStockCommand(new OrderId("order-2"), List.of(new RequestedLine("SKU-001200", 1))));
            warehouse.release(new ReleaseStockCommand(new OrderId("order-3"), "saga timed out"));
            return warehouse;
        }
    }
}
