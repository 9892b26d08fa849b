package io.emporium.orders;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read model goes on when one order cannot be projected: orders whose events were written straight into the
 * event store, as a faulty release or a hand-made repair could leave them, among good ones.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "eureka.client.enabled=false", "orders.read-model.poll-interval=50ms" })
class ReadModelQuarantineIntegrationTest extends OrdersIntegrationTest {

    static final Duration PATIENCE = Duration.ofSeconds(15);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    final List<UUID> orders = new ArrayList<>();

    @AfterEach
    void removeTheOrders() {
        for (String table : List.of("order_event", "order_summary", "order_timeline", "projection_quarantine")) {
            orders.forEach(order -> jdbc.sql("delete from " + table + " where order_id = ?").param(order).update());
        }
    }

    @Test
    void anOrderThatCannotBeProjectedIsQuarantinedAndTheReadModelGoesOnWithoutIt() throws Exception {
        UUID before = place(placed("19.90"));
        UUID unreadable = place("{\"at\":\"not a time\"}");
        // projects, but its total does not fit the read model's numeric(14,2): the database refuses the row
        UUID unwritable = place(placed("10000000000000.00"));
        UUID after = place(placed("5.00"));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(quarantined()).contains(unreadable, unwritable);
            assertThat(summarized()).contains(before, after);
        });
        assertThat(summarized()).doesNotContain(unreadable, unwritable);
        JsonNode listed = json.readTree(quarantineEndpoint()).get("projection");
        assertThat(listed.get("items").findValuesAsString("id"))
            .contains(unreadable.toString(), unwritable.toString());
        assertThat(listed.get("items").findValuesAsString("reason"))
            .anySatisfy(reason -> assertThat(reason).contains("not a time"))
            .anySatisfy(reason -> assertThat(reason).contains("numeric field overflow"));
        assertThat(meters.get("emporium.quarantined").tag("kind", "projection").gauge().value())
            .isGreaterThanOrEqualTo(2);

        UUID later = place(placed("7.50"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(summarized()).contains(later));
        assertThat(quarantined()).contains(unreadable, unwritable);
    }

    @Test
    void aQuarantinedOrderLeavesTheQuarantineWhenItsNextEventProjects() {
        UUID order = place("{\"at\":\"not a time\"}");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(quarantined()).contains(order));

        // the cause is repaired by hand, and the order's next event arrives
        jdbc.sql("update order_event set payload = ?::jsonb where order_id = ? and version = 1")
            .params(placed("12.00"), order).update();
        append(order, 2, "StockReserved", "{\"at\":\"" + Instant.now() + "\"}");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(quarantined()).doesNotContain(order));
        assertThat(jdbc.sql("select status from order_summary where order_id = ?").param(order).query(String.class)
            .single()).isEqualTo("STOCK_RESERVED");
    }

    /** A new order whose first event (OrderPlaced) has this payload. */
    private UUID place(String payload) {
        UUID order = UUID.randomUUID();
        orders.add(order);
        append(order, 1, "OrderPlaced", payload);
        return order;
    }

    private void append(UUID order, int version, String type, String payload) {
        jdbc.sql("insert into order_event (order_id, version, type, payload) values (?, ?, ?, ?::jsonb)")
            .params(order, version, type, payload).update();
    }

    /** An OrderPlaced payload as the event store writes it, one line of one unit at {@code price} EUR. */
    private static String placed(String price) {
        return "{\"at\":\"" + Instant.now() + "\",\"customerId\":\"quarantine-test\",\"total\":" + price
                + ",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"SKU-000001\",\"quantity\":1,\"unitPrice\":" + price
                + "}]}";
    }

    private List<UUID> quarantined() {
        return jdbc.sql("select order_id from projection_quarantine").query(UUID.class).list();
    }

    private List<UUID> summarized() {
        return jdbc.sql("select order_id from order_summary where customer_id = 'quarantine-test'").query(UUID.class)
            .list();
    }

    private String quarantineEndpoint() throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/actuator/quarantine"))
                .header("Authorization", "Bearer " + issuer.admin()).build(), BodyHandlers.ofString()).body();
    }
}
