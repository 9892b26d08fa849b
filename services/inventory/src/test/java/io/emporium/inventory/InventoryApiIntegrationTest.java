package io.emporium.inventory;

import java.net.http.HttpResponse;
import java.util.List;

import io.emporium.inventory.stock.application.ReserveStockCommand;
import io.emporium.inventory.stock.application.Warehouse;
import io.emporium.inventory.stock.model.OrderId;
import io.emporium.inventory.stock.model.RequestedLine;
import io.emporium.inventory.support.InventoryIntegrationTest;
import io.emporium.platform.test.security.TestIssuer;
import io.emporium.platform.test.web.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service over HTTP, on its real schema and seed data in a real PostgreSQL, called with the tokens of a
 * customer and of an administrator.
 */
class InventoryApiIntegrationTest extends InventoryIntegrationTest {

    private static final JsonMapper json = JsonMapper.shared();
    private static final TestIssuer issuer = TestIssuer.shared();

    private final TestHttp http;
    private final JdbcClient jdbc;
    private final Warehouse warehouse;
    private final String customer = issuer.customer("alice");
    private final String admin = issuer.admin();

    InventoryApiIntegrationTest(@LocalServerPort int port, JdbcClient jdbc, Warehouse warehouse) {
        this.http = new TestHttp(port);
        this.jdbc = jdbc;
        this.warehouse = warehouse;
    }

    @Test
    void everyCatalogSkuIsSeededWithTenThousandUnitsButTheTenSoldOutOnes() {
        assertThat(jdbc.sql("select count(*) from stock_level where sku between 'SKU-000001' and 'SKU-001200'")
                .query(Long.class).single()).isEqualTo(1200);
        assertThat(jdbc.sql("select count(*) from stock_level where sku between 'SKU-001191' and 'SKU-001200'"
                + " and total_units = 0").query(Long.class).single()).isEqualTo(10);
        assertThat(ok("/api/inventory/stock/SKU-000001")).isEqualTo(json.readTree("""
                {"sku":"SKU-000001","available":10000,"reserved":0,"shipped":0}"""));
        assertThat(ok("/api/inventory/stock/SKU-001191").get("available").asLong()).isZero();
    }

    @Test
    void severalSkusAreReadAtOnce() {
        JsonNode stock = ok("/api/inventory/stock?skus=SKU-001200,SKU-000002,SKU-999999");

        assertThat(stock.valueStream().map(level -> level.get("sku").asString()))
                .containsExactly("SKU-000002", "SKU-001200");
    }

    @Test
    void restockingChangesAvailableOnly() {
        HttpResponse<String> response = restock("SKU-000700", "{\"available\": 123}", admin);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ok("/api/inventory/stock/SKU-000700").get("available").asLong()).isEqualTo(123);
    }

    @Test
    void anAdminReadsAReservationByOrderId() {
        warehouse.reserve(new ReserveStockCommand(new OrderId("api-order-1"), List.of(new RequestedLine("SKU-000701", 2))));

        assertThat(http.ok("/api/inventory/reservations/api-order-1", admin)).isEqualTo(json.readTree("""
                {"orderId":"api-order-1","status":"RESERVED","lines":[{"sku":"SKU-000701","quantity":2}],
                 "reason":null,"unavailableSkus":[]}"""));
    }

    @Test
    void unknownSkuAndOrderAre404ProblemsWithTraceId() {
        http.problem("/api/inventory/stock/SKU-999999", customer, 404);
        http.problem("/api/inventory/reservations/no-such-order", admin, 404);
    }

    @Test
    void invalidInputIsA400ProblemWithTraceId() {
        http.problem("/api/inventory/stock/lower-case", customer, 400);
        http.problem("/api/inventory/stock?skus=", customer, 400);
        assertThat(restock("SKU-000700", "{\"available\": -5}", admin).statusCode()).isEqualTo(400);
    }

    @Test
    void withoutATokenOnlyTheProbesAnswer() {
        http.problem("/api/inventory/stock/SKU-000001", null, 401);
        http.problem("/api/inventory/reservations/no-such-order", null, 401);
        assertThat(restock("SKU-000702", "{\"available\": 1}", null).statusCode()).isEqualTo(401);
        assertThat(http.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aCustomerMayNeitherChangeStockNorReadReservations() {
        warehouse.reserve(new ReserveStockCommand(new OrderId("api-order-2"), List.of(new RequestedLine("SKU-000703", 1))));

        HttpResponse<String> restock = restock("SKU-000703", "{\"available\": 0}", customer);

        assertThat(restock.statusCode()).isEqualTo(403);
        assertThat(restock.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ok("/api/inventory/stock/SKU-000703").get("available").asLong()).isEqualTo(9999);
        http.problem("/api/inventory/reservations/api-order-2", customer, 403);
    }

    @Test
    void managementEndpointsOtherThanTheProbesAreForAdmins() {
        http.problem("/actuator/loggers", customer, 403);
        assertThat(http.ok("/actuator/loggers", admin).has("loggers")).isTrue();
    }

    @Test
    void readinessNeedsNoTokenButOnlyAnAdminSeesItsComponents() {
        JsonNode anonymous = http.ok("/actuator/health/readiness", null);
        assertThat(anonymous.propertyNames()).containsExactly("status");
        assertThat(anonymous.get("status").asString()).isEqualTo("UP");

        JsonNode readiness = http.ok("/actuator/health/readiness", issuer.admin());
        assertThat(readiness.get("components").get("db").get("status").asString()).isEqualTo("UP");
    }

    private JsonNode ok(String path) {
        return http.ok(path, customer);
    }

    private HttpResponse<String> restock(String sku, String body, String token) {
        return http.put("/api/inventory/stock/" + sku, body, token);
    }
}
