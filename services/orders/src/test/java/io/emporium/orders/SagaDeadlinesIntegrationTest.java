package io.emporium.orders;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.orders.support.FakeParticipants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One saga that cannot be handled never holds up the deadlines behind it (real Kafka and PostgreSQL): its order
 * stream is made unreadable and its deadline the oldest; it is quarantined and listed, and the sagas behind it are
 * compensated on time.
 */
class SagaDeadlinesIntegrationTest extends SagaIntegrationTest {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    @BeforeEach
    void nobodyReservesStock() {
        // every saga here waits for its deadline
        participants.answerWith(command -> command instanceof InventoryMessages.ReserveStock
                ? List.of() : FakeParticipants.happyPath(command));
    }

    @Test
    void aSagaWhoseOrderCannotBeLoadedIsQuarantinedAndTheOverdueSagasBehindItAreCompensated() throws Exception {
        String poisoned = placeOrder("wilma");
        List<String> behind = List.of(placeOrder("xavier"), placeOrder("yusuf"));
        // the read model has it (so the projector never reads the garbled event), then its stream is garbled and its
        // deadline made the oldest of all: every round meets it first
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from order_summary where order_id = ?")
                .param(UUID.fromString(poisoned)).query(Long.class).single() == 1);
        String payload = jdbc.sql("select payload::text from order_event where order_id = ? and version = 1")
                .param(UUID.fromString(poisoned)).query(String.class).single();
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("update order_event set payload = jsonb_set(payload, '{at}', '\"garbled\"') "
                        + "where order_id = ? and version = 1").param(UUID.fromString(poisoned)).update();
                jdbc.sql("update saga_instance set deadline = now() - interval '1 hour' where id = ?")
                        .param(poisoned).update();
            });

            for (String id : behind) {
                JsonNode cancelled = awaitStatus(id, "CANCELLED");
                assertThat(cancelled.get("cancelReason").asString()).isEqualTo("no reply to 'reserve stock' within 4 s");
            }

            await().atMost(PATIENCE).until(() -> jdbc.sql("select quarantined_at is not null from saga_instance "
                    + "where id = ?").param(poisoned).query(Boolean.class).single());
            assertThat(jdbc.sql("select status from saga_instance where id = ?").param(poisoned).query(String.class)
                    .single()).isEqualTo("RUNNING");
            JsonNode quarantined = json.readTree(get("/actuator/quarantine").body()).get("saga");
            assertThat(quarantined.get("count").asLong()).isPositive();
            assertThat(quarantined.get("items")).anySatisfy(item -> {
                assertThat(item.get("id").asString()).isEqualTo(poisoned);
                assertThat(item.get("kind").asString()).isEqualTo("saga");
                assertThat(item.get("reason").asString()).contains("garbled");
            });
            assertThat(meters.get("emporium.quarantined").tag("kind", "saga").gauge().value()).isPositive();
            // quarantined sagas are left out of later rounds: its order stays as it was
            assertThat(jdbc.sql("select count(*) from order_event where order_id = ?").param(UUID.fromString(poisoned))
                    .query(Long.class).single()).isEqualTo(1);
        }
        finally {
            jdbc.sql("update order_event set payload = ?::jsonb where order_id = ? and version = 1")
                    .params(payload, UUID.fromString(poisoned)).update();
        }
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(PATIENCE).until(() -> json.readTree(get("/api/orders/" + id).body()),
                order -> status.equals(order.get("status").asString()));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + issuer.admin()).build(),
                BodyHandlers.ofString());
    }

    private String placeOrder(String customer) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/orders")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + issuer.customer(customer))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(BodyPublishers.ofString("{\"items\":[{\"sku\":\"SKU-000021\",\"quantity\":1}]}")).build();
        HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asString();
    }
}
