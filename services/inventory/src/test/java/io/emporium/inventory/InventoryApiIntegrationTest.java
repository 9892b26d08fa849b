package io.emporium.inventory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;

import io.emporium.inventory.stock.application.ReserveStockCommand;
import io.emporium.inventory.stock.application.Warehouse;
import io.emporium.inventory.stock.model.OrderId;
import io.emporium.inventory.stock.model.RequestedLine;
import io.emporium.inventory.support.InventoryIntegrationTest;
import io.emporium.platform.test.security.TestIssuer;
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

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.shared();
    private static final TestIssuer issuer = TestIssuer.shared();

    private final int port;
    private final JdbcClient jdbc;
    private final Warehouse warehouse;
    private final String customer = issuer.customer("alice");
    private final String admin = issuer.admin();

    InventoryApiIntegrationTest(@LocalServerPort int port, JdbcClient jdbc, Warehouse warehouse) {
        this.port = port;
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

        assertThat(ok("/api/inventory/reservations/api-order-1", admin)).isEqualTo(json.readTree("""
                {"orderId":"api-order-1","status":"RESERVED","lines":[{"sku":"SKU-000701","quantity":2}],
                 "reason":null,"unavailableSkus":[]}"""));
    }

    @Test
    void unknownSkuAndOrderAre404ProblemsWithTraceId() {
        problem("/api/inventory/stock/SKU-999999", customer, 404);
        problem("/api/inventory/reservations/no-such-order", admin, 404);
    }

    @Test
    void invalidInputIsA400ProblemWithTraceId() {
        problem("/api/inventory/stock/lower-case", customer, 400);
        problem("/api/inventory/stock?skus=", customer, 400);
        assertThat(restock("SKU-000700", "{\"available\": -5}", admin).statusCode()).isEqualTo(400);
    }

    @Test
    void withoutATokenOnlyTheProbesAnswer() {
        problem("/api/inventory/stock/SKU-000001", null, 401);
        problem("/api/inventory/reservations/no-such-order", null, 401);
        assertThat(restock("SKU-000702", "{\"available\": 1}", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aCustomerMayNeitherChangeStockNorReadReservations() {
        warehouse.reserve(new ReserveStockCommand(new OrderId("api-order-2"), List.of(new RequestedLine("SKU-000703", 1))));

        HttpResponse<String> restock = restock("SKU-000703", "{\"available\": 0}", customer);

        assertThat(restock.statusCode()).isEqualTo(403);
        assertThat(restock.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ok("/api/inventory/stock/SKU-000703").get("available").asLong()).isEqualTo(9999);
        problem("/api/inventory/reservations/api-order-2", customer, 403);
    }

    @Test
    void managementEndpointsOtherThanTheProbesAreForAdmins() {
        problem("/actuator/loggers", customer, 403);
        assertThat(ok("/actuator/loggers", admin).has("loggers")).isTrue();
    }

    @Test
    void readinessNeedsNoTokenButOnlyAnAdminSeesItsComponents() {
        JsonNode anonymous = ok("/actuator/health/readiness", null);
        assertThat(anonymous.propertyNames()).containsExactly("status");
        assertThat(anonymous.get("status").asString()).isEqualTo("UP");

        JsonNode readiness = ok("/actuator/health/readiness", issuer.admin());
        assertThat(readiness.get("components").get("db").get("status").asString()).isEqualTo("UP");
    }

    private JsonNode ok(String path) {
        return ok(path, customer);
    }

    private JsonNode ok(String path, String token) {
        HttpResponse<String> response = get(path, token);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private void problem(String path, String token, int status) {
        HttpResponse<String> response = get(path, token);
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).get("traceId").asString()).matches("[0-9a-f]{32}");
    }

    private HttpResponse<String> get(String path, String token) {
        return send(authorized(HttpRequest.newBuilder(uri(path)), token).build());
    }

    private HttpResponse<String> restock(String sku, String body, String token) {
        return send(authorized(HttpRequest.newBuilder(uri("/api/inventory/stock/" + sku)), token)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build());
    }

    /** The request with the token as its bearer credentials; {@code null}: without credentials. */
    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.uri(), ex);
        }
    }
}
