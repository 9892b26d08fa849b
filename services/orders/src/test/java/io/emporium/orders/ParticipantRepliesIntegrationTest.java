package io.emporium.orders;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.orders.support.DeadLetters.DeadLetter;
import io.emporium.orders.support.FakeParticipants;
import io.emporium.payments.api.PaymentMessages;
import io.emporium.shipping.api.ShippingMessages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saga takes only the replies that check out (real Kafka and PostgreSQL): one whose subject is not the order its
 * data names, one for an order without saga, one that comes after the saga ended at a deadline all go to the
 * dead-letter topic of their reply topic, with the reason; the acknowledgements of the compensations do not.
 */
class ParticipantRepliesIntegrationTest extends SagaIntegrationTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);



    @Test
    void aReplyWhoseSubjectIsNotTheOrderItsDataNamesIsDeadLetteredAndAppliesToNeither() throws Exception {
        participants.answerWith(command -> command instanceof InventoryMessages.ReserveStock
                ? List.of() : FakeParticipants.happyPath(command));
        String id = placeOrder("ursula");
        String other = placeOrder("ursula");

        participants.send(InventoryMessages.COMMANDS, id, other, new InventoryMessages.StockReserved(id));

        DeadLetter letter = awaitDeadLetter(id);
        assertThat(letter.originalTopic()).isEqualTo(InventoryMessages.EVENTS);
        assertThat(letter.type()).isEqualTo(InventoryMessages.StockReserved.TYPE);
        assertThat(letter.reason()).contains("its subject " + other + " is not the order its data names (" + id + ")");
        assertThat(stockReservedEvents(id)).isZero();
        assertThat(stockReservedEvents(other)).isZero();
    }

    @Test
    void aReplyForAnOrderWithoutSagaIsDeadLettered() {
        String unknown = UUID.randomUUID().toString();

        participants.send(PaymentMessages.COMMANDS, unknown, unknown, new PaymentMessages.PaymentAuthorized(unknown, "pay-1"));

        DeadLetter letter = awaitDeadLetter(unknown);
        assertThat(letter.originalTopic()).isEqualTo(PaymentMessages.EVENTS);
        assertThat(letter.reason()).contains("for order " + unknown + " refused: there is no place-order saga for this "
                + "PaymentAuthorized");
    }

    @Test
    void aReplyAfterTheSagaEndedAtItsDeadlineIsDeadLetteredButTheAcknowledgementsOfItsCompensationsAreNot()
            throws Exception {
        participants.answerWith(command -> command instanceof ShippingMessages.CreateShipment
                ? List.of() : FakeParticipants.happyPath(command));
        String id = placeOrder("vera");
        await().atMost(PATIENCE).until(() -> participants.answersFor(id).containsAll(List.of(
                ShippingMessages.ShipmentCancelled.TYPE, PaymentMessages.PaymentVoided.TYPE,
                InventoryMessages.StockReleased.TYPE)));

        // sent after the acknowledgements on the same topics and key, so it is consumed after them
        participants.send(ShippingMessages.COMMANDS, id, id, new ShippingMessages.ShipmentCreated(id, "ship-late"));
        participants.send(InventoryMessages.COMMANDS, id, id, new InventoryMessages.StockReserved(id));
        participants.send(PaymentMessages.COMMANDS, id, id, new PaymentMessages.PaymentAuthorized(id, "pay-late"));

        await().atMost(PATIENCE).until(() -> deadLetters.about(id).size() >= 3);
        assertThat(deadLetters.about(id)).extracting(DeadLetter::type).containsExactlyInAnyOrder(
                ShippingMessages.ShipmentCreated.TYPE, InventoryMessages.StockReserved.TYPE,
                PaymentMessages.PaymentAuthorized.TYPE);
        assertThat(deadLetters.about(id)).filteredOn(letter -> letter.type().equals(ShippingMessages.ShipmentCreated.TYPE))
                .singleElement().extracting(DeadLetter::reason).asString()
                .contains("ShipmentCreated for 'create shipment' came too late: the saga already ended COMPENSATED "
                        + "(no reply to 'create shipment' within 4 s)");
        assertThat(jdbc.sql("select status from saga_instance where id = ?").param(id).query(String.class).single())
                .isEqualTo("COMPENSATED");
    }

    private DeadLetter awaitDeadLetter(String orderId) {
        await().atMost(PATIENCE).until(() -> !deadLetters.about(orderId).isEmpty());
        assertThat(deadLetters.about(orderId)).hasSize(1);
        return deadLetters.about(orderId).getFirst();
    }

    private long stockReservedEvents(String orderId) {
        return jdbc.sql("select count(*) from order_event where order_id = ? and type = 'StockReserved'")
                .param(UUID.fromString(orderId)).query(Long.class).single();
    }

    private String placeOrder(String customer) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/orders")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + issuer.customer(customer))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(BodyPublishers.ofString("{\"items\":[{\"sku\":\"SKU-000020\",\"quantity\":1}]}")).build();
        HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asString();
    }
}
