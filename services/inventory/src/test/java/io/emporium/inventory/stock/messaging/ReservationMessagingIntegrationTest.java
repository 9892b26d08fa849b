package io.emporium.inventory.stock.messaging;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.inventory.api.InventoryMessages.CommitStock;
import io.emporium.inventory.api.InventoryMessages.Line;
import io.emporium.inventory.api.InventoryMessages.ReleaseStock;
import io.emporium.inventory.api.InventoryMessages.ReserveStock;
import io.emporium.inventory.api.InventoryMessages.StockCommitted;
import io.emporium.inventory.api.InventoryMessages.StockReleased;
import io.emporium.inventory.api.InventoryMessages.StockReservationRejected;
import io.emporium.inventory.api.InventoryMessages.StockReserved;
import io.emporium.inventory.stock.application.Warehouse;
import io.emporium.inventory.stock.model.OrderId;
import io.emporium.inventory.stock.model.ReservationStatus;
import io.emporium.inventory.stock.model.Sku;
import io.emporium.inventory.stock.model.StockLevel;
import io.emporium.platform.test.kafka.CloudEventsClient;
import io.emporium.platform.test.kafka.CloudEventsClient.Message;
import io.emporium.inventory.support.InventoryIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order saga's commands over a real broker, end to end: command record in, stock change in PostgreSQL, reply
 * record out on {@code inventory.reservation-events} (keyed by order id, through the outbox), dead letters for
 * commands that can never succeed.
 */
class ReservationMessagingIntegrationTest extends InventoryIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DEAD_LETTERS = InventoryMessages.COMMANDS + ".DLT";
    @RegisterExtension
    static final CloudEventsClient saga = CloudEventsClient.onTestKafka(InventoryMessages.EVENTS, DEAD_LETTERS);

    private final Warehouse warehouse;
    private final MeterRegistry meters;

    ReservationMessagingIntegrationTest(Warehouse warehouse, MeterRegistry meters) {
        this.warehouse = warehouse;
        this.meters = meters;
    }

    @Test
    void reserveStockHoldsTheUnitsAndRepliesStockReservedKeyedByOrder() {
        String order = newOrderId();
        long before = available("SKU-000010");

        command(order, ReserveStock.TYPE, new ReserveStock(order, List.of(new Line("SKU-000010", 2))));

        Message reply = awaitReplies(order, 1).getFirst();
        assertThat(reply.type()).isEqualTo(StockReserved.TYPE);
        assertThat(reply.key()).isEqualTo(order);
        assertThat(reply.data().get("orderId").asString()).isEqualTo(order);
        assertThat(available("SKU-000010")).isEqualTo(before - 2);
        assertThat(warehouse.reservation(new OrderId(order)).orElseThrow().status())
                .isEqualTo(ReservationStatus.RESERVED);
    }

    @Test
    void theSameCommandDeliveredTwiceHasOneEffectAndOneReply() {
        String order = newOrderId();
        String messageId = UUID.randomUUID().toString();
        ReserveStock reserve = new ReserveStock(order, List.of(new Line("SKU-000011", 3)));
        long before = available("SKU-000011");
        double duplicatesBefore = duplicates();

        saga.send(InventoryMessages.COMMANDS, order, messageId, ReserveStock.TYPE, reserve);
        saga.send(InventoryMessages.COMMANDS, order, messageId, ReserveStock.TYPE, reserve);

        await().atMost(WAIT).until(() -> duplicates() > duplicatesBefore);
        assertThat(awaitReplies(order, 1)).extracting(Message::type).containsExactly(StockReserved.TYPE);
        assertThat(available("SKU-000011")).isEqualTo(before - 3);
    }

    @Test
    void aResentCommandWithANewMessageIdRepeatsTheReplyWithoutASecondEffect() {
        String order = newOrderId();
        ReserveStock reserve = new ReserveStock(order, List.of(new Line("SKU-000012", 4)));
        long before = available("SKU-000012");

        command(order, ReserveStock.TYPE, reserve);
        command(order, ReserveStock.TYPE, reserve);

        assertThat(awaitReplies(order, 2)).extracting(Message::type)
                .containsExactly(StockReserved.TYPE, StockReserved.TYPE);
        assertThat(available("SKU-000012")).isEqualTo(before - 4);
    }

    @Test
    void aSoldOutSkuRejectsTheWholeOrderListingIt() {
        String order = newOrderId();
        long before = available("SKU-000013");

        command(order, ReserveStock.TYPE, new ReserveStock(order,
                List.of(new Line("SKU-000013", 1), new Line("SKU-001195", 1), new Line("SKU-999999", 1))));

        Message reply = awaitReplies(order, 1).getFirst();
        assertThat(reply.type()).isEqualTo(StockReservationRejected.TYPE);
        assertThat(reply.data().get("reason").asString()).isEqualTo("insufficient stock");
        assertThat(reply.data().get("unavailableSkus").valueStream().map(sku -> sku.asString()))
                .containsExactly("SKU-001195", "SKU-999999");
        assertThat(available("SKU-000013")).isEqualTo(before);
    }

    @Test
    void releaseStockGivesTheUnitsBackAndRepliesStockReleased() {
        String order = newOrderId();
        long before = available("SKU-000014");

        command(order, ReserveStock.TYPE, new ReserveStock(order, List.of(new Line("SKU-000014", 5))));
        command(order, ReleaseStock.TYPE, new ReleaseStock(order, "payment declined"));

        assertThat(awaitReplies(order, 2)).extracting(Message::type)
                .containsExactly(StockReserved.TYPE, StockReleased.TYPE);
        assertThat(available("SKU-000014")).isEqualTo(before);
        assertThat(warehouse.reservation(new OrderId(order)).orElseThrow().reason()).isEqualTo("payment declined");
    }

    @Test
    void aReleaseBeforeItsReserveIsAnsweredAndTheLateReserveIsRejected() {
        String order = newOrderId();
        long before = available("SKU-000015");

        command(order, ReleaseStock.TYPE, new ReleaseStock(order, "saga timed out"));
        command(order, ReserveStock.TYPE, new ReserveStock(order, List.of(new Line("SKU-000015", 1))));

        List<Message> replies = awaitReplies(order, 2);
        assertThat(replies).extracting(Message::type)
                .containsExactly(StockReleased.TYPE, StockReservationRejected.TYPE);
        assertThat(replies.get(1).data().get("reason").asString()).isEqualTo("order already released");
        assertThat(available("SKU-000015")).isEqualTo(before);
    }

    @Test
    void commitStockShipsTheReservedUnitsAndRepliesStockCommitted() {
        String order = newOrderId();
        StockLevel before = warehouse.stock(new Sku("SKU-000016")).orElseThrow();

        command(order, ReserveStock.TYPE, new ReserveStock(order, List.of(new Line("SKU-000016", 2))));
        command(order, CommitStock.TYPE, new CommitStock(order));

        assertThat(awaitReplies(order, 2)).extracting(Message::type)
                .containsExactly(StockReserved.TYPE, StockCommitted.TYPE);
        assertThat(warehouse.stock(new Sku("SKU-000016"))).contains(
                new StockLevel(before.sku(), before.available() - 2, before.reserved(), before.shipped() + 2));
    }

    @Test
    void aCommitSentAgainIsAnsweredAgainAndShipsTheUnitsOnce() {
        // the order saga re-sends CommitStock (with a new message id) when its deadline passes without an answer
        String order = newOrderId();
        StockLevel before = warehouse.stock(new Sku("SKU-000017")).orElseThrow();

        command(order, ReserveStock.TYPE, new ReserveStock(order, List.of(new Line("SKU-000017", 2))));
        command(order, CommitStock.TYPE, new CommitStock(order));
        command(order, CommitStock.TYPE, new CommitStock(order));

        assertThat(awaitReplies(order, 3)).extracting(Message::type)
                .containsExactly(StockReserved.TYPE, StockCommitted.TYPE, StockCommitted.TYPE);
        assertThat(warehouse.stock(new Sku("SKU-000017"))).contains(
                new StockLevel(before.sku(), before.available() - 2, before.reserved(), before.shipped() + 2));
    }

    @Test
    void commandsThatCanNeverSucceedGoToTheDeadLetterTopicWithoutAReply() {
        String unknownOrder = newOrderId();
        String emptyOrder = newOrderId();

        command(unknownOrder, CommitStock.TYPE, new CommitStock(unknownOrder));
        command(emptyOrder, ReserveStock.TYPE, new ReserveStock(emptyOrder, List.of()));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(saga.received(DEAD_LETTERS, unknownOrder)).hasSize(1);
            assertThat(saga.received(DEAD_LETTERS, emptyOrder)).hasSize(1);
        });
        assertThat(saga.received(InventoryMessages.EVENTS, unknownOrder)).isEmpty();
        assertThat(warehouse.reservation(new OrderId(emptyOrder))).isEmpty();
    }

    @Test
    void commandsOfUnknownTypesAreSkipped() {
        String order = newOrderId();

        command(order, "inventory.CountStock", new CommitStock(order));
        command(order, ReleaseStock.TYPE, new ReleaseStock(order, "after the unknown one"));

        assertThat(awaitReplies(order, 1)).extracting(Message::type).containsExactly(StockReleased.TYPE);
        assertThat(saga.received(DEAD_LETTERS, order)).isEmpty();
    }

    private static void command(String order, String type, Object data) {
        saga.send(InventoryMessages.COMMANDS, order, type, data);
    }

    /** Waits for exactly {@code count} replies about the order (and briefly checks no more follow). */
    private static List<Message> awaitReplies(String order, int count) {
        return saga.awaitReceived(InventoryMessages.EVENTS, order, count, WAIT);
    }

    private long available(String sku) {
        return warehouse.stock(new Sku(sku)).orElseThrow().available();
    }

    private double duplicates() {
        Counter counter = meters.find("emporium.inbox.duplicates").tag("consumer", "inventory").counter();
        return counter == null ? 0 : counter.count();
    }

    private static String newOrderId() {
        return "order-" + UUID.randomUUID();
    }
}
