package io.emporium.inventory.stock.web;

import java.util.List;
import java.util.stream.IntStream;

import io.emporium.inventory.stock.application.InMemoryStore;
import io.emporium.inventory.stock.application.ReleaseStockCommand;
import io.emporium.inventory.stock.application.ReserveStockCommand;
import io.emporium.inventory.stock.application.Warehouse;
import io.emporium.inventory.stock.model.OrderId;
import io.emporium.inventory.stock.model.RequestedLine;
import io.emporium.inventory.stock.model.Sku;
import io.emporium.inventory.stock.model.StockLevel;
import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;

/**
 * The REST adapters alone, over an in-memory store: JSON shapes, parameter validation, problem responses and who
 * may call what (every request needs a token; changing stock and reading reservations need the admin role).
 */
@WebMvcTest({ StockController.class, ReservationController.class })
@Import(InventoryAccessRules.class)
@TestInfrastructure
class InventoryControllersTest {

    private static final TestIssuer issuer = TestIssuer.shared();

    private final MockMvcTester mvc;
    private final String alice = "Bearer " + issuer.customer("alice");
    private final String admin = "Bearer " + issuer.admin();

    InventoryControllersTest(MockMvcTester mvc) {
        this.mvc = mvc;
    }

    @Test
    void stockOfASkuIsRenderedWithItsBuckets() {
        assertThat(mvc.get().uri("/api/inventory/stock/SKU-000001").header(AUTHORIZATION, alice)).hasStatusOk()
                .bodyJson().isStrictlyEqualTo("""
                        {"sku":"SKU-000001","available":8,"reserved":2,"shipped":0}""");
    }

    @Test
    void unknownSkuIsA404Problem() {
        MvcTestResult result = mvc.get().uri("/api/inventory/stock/SKU-999999").header(AUTHORIZATION, alice).exchange();

        assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().isEqualTo("No stock of SKU SKU-999999");
        assertThat(result).bodyJson().extractingPath("$.title").asString().isEqualTo("Stock not found");
    }

    @Test
    void malformedSkuIsA400ProblemNamingIt() {
        assertThat(mvc.get().uri("/api/inventory/stock/sku-1").header(AUTHORIZATION, alice)).hasStatus(400)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("sku");
    }

    @Test
    void severalSkusAreListedInSkuOrderWithoutTheUnknownOnes() {
        assertThat(mvc.get().uri("/api/inventory/stock?skus=SKU-001200,SKU-999999,SKU-000001")
                .header(AUTHORIZATION, alice)).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                        [{"sku":"SKU-000001","available":8,"reserved":2,"shipped":0},
                         {"sku":"SKU-001200","available":0,"reserved":0,"shipped":0}]""");
    }

    @Test
    void aHundredSkusAreTheMostOneRequestMayAskFor() {
        String hundred = String.join(",", IntStream.rangeClosed(1, 100).mapToObj("SKU-%06d"::formatted).toList());

        assertThat(mvc.get().uri("/api/inventory/stock?skus=" + hundred).header(AUTHORIZATION, alice)).hasStatusOk();
        assertThat(mvc.get().uri("/api/inventory/stock?skus=" + hundred + ",SKU-000101").header(AUTHORIZATION, alice))
                .hasStatus(400).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("skus");
    }

    @Test
    void aMalformedOrMissingSkuListIsA400Problem() {
        assertThat(mvc.get().uri("/api/inventory/stock?skus=SKU-000001,bad sku").header(AUTHORIZATION, alice))
                .hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("skus");
        assertThat(mvc.get().uri("/api/inventory/stock?skus=").header(AUTHORIZATION, alice)).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().uri("/api/inventory/stock").header(AUTHORIZATION, alice)).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void restockingSetsAvailableAndAnswersTheNewStock() {
        assertThat(restock("SKU-000003", "{\"available\": 25}", admin)).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"sku":"SKU-000003","available":25,"reserved":3,"shipped":1}""");
    }

    @Test
    void restockingAnUnknownSkuIsA404Problem() {
        assertThat(restock("SKU-999999", "{\"available\": 25}", admin)).hasStatus(404)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void restockingWithNegativeMissingOrMalformedAvailableIsA400Problem() {
        assertThat(restock("SKU-000001", "{\"available\": -1}", admin)).hasStatus(400).bodyJson()
                .extractingPath("$.errors[*].message").asArray().containsExactly("must be greater than or equal to 0");
        assertThat(restock("SKU-000001", "{}", admin)).hasStatus(400)
                .bodyJson().extractingPath("$.errors[*].message").asArray().containsExactly("must not be null");
        assertThat(restock("SKU-000001", "{\"available\": \"many\"}", admin)).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(restock("SKU-000001", "{\"available\": 1000000001}", admin)).hasStatus(400);
    }

    @Test
    void reservationIsRenderedWithItsLinesAndStatus() {
        assertThat(mvc.get().uri("/api/inventory/reservations/order-1").header(AUTHORIZATION, admin)).hasStatusOk()
                .bodyJson().isStrictlyEqualTo("""
                        {"orderId":"order-1","status":"RESERVED","lines":[{"sku":"SKU-000001","quantity":2}],
                         "reason":null,"unavailableSkus":[]}""");
    }

    @Test
    void rejectedAndReleasedReservationsCarryTheirReason() {
        assertThat(mvc.get().uri("/api/inventory/reservations/order-2").header(AUTHORIZATION, admin)).hasStatusOk()
                .bodyJson().isStrictlyEqualTo("""
                        {"orderId":"order-2","status":"REJECTED","lines":[],
                         "reason":"insufficient stock","unavailableSkus":["SKU-001200"]}""");
        assertThat(mvc.get().uri("/api/inventory/reservations/order-3").header(AUTHORIZATION, admin)).hasStatusOk()
                .bodyJson().isStrictlyEqualTo("""
                        {"orderId":"order-3","status":"RELEASED","lines":[],
                         "reason":"saga timed out","unavailableSkus":[]}""");
    }

    @Test
    void missingReservationIsA404Problem() {
        assertThat(mvc.get().uri("/api/inventory/reservations/order-404").header(AUTHORIZATION, admin)).hasStatus(404)
                .bodyJson().extractingPath("$.detail").asString().isEqualTo("No reservation for order order-404");
    }

    @Test
    void malformedOrderIdIsA400Problem() {
        assertThat(mvc.get().uri("/api/inventory/reservations/" + "x".repeat(65)).header(AUTHORIZATION, admin))
                .hasStatus(400).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("orderId");
    }

    @Test
    void everyRequestWithoutATokenIsA401ProblemWithABearerChallenge() {
        for (MvcTestResult result : List.of(mvc.get().uri("/api/inventory/stock/SKU-000001").exchange(),
                mvc.get().uri("/api/inventory/stock?skus=SKU-000001").exchange(),
                restock("SKU-000001", "{\"available\": 25}", null),
                mvc.get().uri("/api/inventory/reservations/order-1").exchange())) {
            assertThat(result).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .headers().hasValue("WWW-Authenticate", "Bearer");
        }
    }

    @Test
    void aCustomerMayReadStockButNotChangeItAndNothingChanges() {
        MvcTestResult refused = restock("SKU-000001", "{\"available\": 0}", alice);

        assertThat(refused).hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.status").asNumber().isEqualTo(403);
        assertThat(mvc.get().uri("/api/inventory/stock/SKU-000001").header(AUTHORIZATION, alice)).hasStatusOk()
                .bodyJson().extractingPath("$.available").asNumber().isEqualTo(8);
    }

    @Test
    void aCustomerMayNotReadReservations() {
        assertThat(mvc.get().uri("/api/inventory/reservations/order-1").header(AUTHORIZATION, alice)).hasStatus(403)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().uri("/api/inventory/reservations/order-404").header(AUTHORIZATION, alice))
                .hasStatus(403);
    }

    @Test
    void anAdminMayReadStockToo() {
        assertThat(mvc.get().uri("/api/inventory/stock/SKU-000001").header(AUTHORIZATION, admin)).hasStatusOk();
    }

    private MvcTestResult restock(String sku, String body, String authorization) {
        var request = mvc.put().uri("/api/inventory/stock/{sku}", sku).contentType(MediaType.APPLICATION_JSON)
                .content(body);
        return (authorization == null ? request : request.header(AUTHORIZATION, authorization)).exchange();
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
