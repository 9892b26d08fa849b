package io.emporium.inventory.stock.application;

import java.util.List;

import io.emporium.inventory.stock.model.IllegalReservationChange;
import io.emporium.inventory.stock.model.OrderId;
import io.emporium.inventory.stock.model.RequestedLine;
import io.emporium.inventory.stock.model.ReservationStatus;
import io.emporium.inventory.stock.model.Sku;
import io.emporium.inventory.stock.model.StockLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The use cases over an in-memory store: effects, answers, idempotency and compensations that overtake commands. */
class WarehouseTest {

    private static final OrderId ORDER = new OrderId("order-1");
    private static final Sku DESK = new Sku("SKU-000001");
    private static final Sku SOLD_OUT = new Sku("SKU-001200");

    private final InMemoryStore store = new InMemoryStore()
            .with(new StockLevel(DESK, 10, 0, 0), new StockLevel(SOLD_OUT, 0, 0, 0));
    private final Warehouse warehouse = store.warehouse();

    @Test
    void reservingHoldsTheUnitsAndAnswersReserved() {
        warehouse.reserve(reserve(ORDER, "SKU-000001", 3));

        assertThat(warehouse.stock(DESK)).contains(new StockLevel(DESK, 7, 3, 0));
        assertThat(warehouse.reservation(ORDER)).hasValueSatisfying(
                reservation -> assertThat(reservation.status()).isEqualTo(ReservationStatus.RESERVED));
        assertThat(store.replies()).containsExactly("reserved order-1");
    }

    @Test
    void aSoldOutSkuRejectsTheOrderAndReservesNothing() {
        warehouse.reserve(new ReserveStockCommand(ORDER,
                List.of(new RequestedLine("SKU-000001", 1), new RequestedLine("SKU-001200", 1))));

        assertThat(warehouse.stock(DESK)).contains(new StockLevel(DESK, 10, 0, 0));
        assertThat(store.replies()).containsExactly("rejected order-1 insufficient stock [SKU-001200]");
    }

    @Test
    void repeatingAReserveHoldsNothingMoreAndAnswersTheSame() {
        warehouse.reserve(reserve(ORDER, "SKU-000001", 3));
        warehouse.reserve(reserve(ORDER, "SKU-000001", 3));

        assertThat(warehouse.stock(DESK)).contains(new StockLevel(DESK, 7, 3, 0));
        assertThat(store.replies()).containsExactly("reserved order-1", "reserved order-1");
    }

    @Test
    void repeatingARejectedReserveRepeatsTheRejection() {
        warehouse.reserve(reserve(ORDER, "SKU-001200", 1));
        warehouse.reserve(reserve(ORDER, "SKU-001200", 1));

        assertThat(store.replies()).containsExactly("rejected order-1 insufficient stock [SKU-001200]",
                "rejected order-1 insufficient stock [SKU-001200]");
    }

    @Test
    void releasingGivesTheUnitsBackAndAnswersReleased() {
        warehouse.reserve(reserve(ORDER, "SKU-000001", 3));
        warehouse.release(new ReleaseStockCommand(ORDER, "payment declined"));

        assertThat(warehouse.stock(DESK)).contains(new StockLevel(DESK, 10, 0, 0));
        assertThat(warehouse.reservation(ORDER).orElseThrow().reason()).isEqualTo("payment declined");
        assertThat(store.replies()).containsExactly("reserved order-1", "released order-1");
    }

    @Test
    void aReleaseBeforeTheReserveIsAnsweredAndTheLateReserveIsRejected() {
        warehouse.release(new ReleaseStockCommand(ORDER, "saga timed out"));
        warehouse.reserve(reserve(ORDER, "SKU-000001", 3));

        assertThat(warehouse.stock(DESK)).contains(new StockLevel(DESK, 10, 0, 0));
        assertThat(warehouse.reservation(ORDER).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(store.replies()).containsExactly("released order-1",
                "rejected order-1 order already released []");
    }

    @Test
    void repeatingAReleaseAnswersReleasedAgainAndGivesNothingMoreBack() {
        warehouse.reserve(reserve(ORDER, "SKU-000001", 3));
        warehouse.release(new ReleaseStockCommand(ORDER, "payment declined"));
        warehouse.release(new ReleaseStockCommand(ORDER, "payment declined"));

        assertThat(warehouse.stock(DESK)).contains(new StockLevel(DESK, 10, 0, 0));
        assertThat(store.replies()).containsExactly("reserved order-1", "released order-1", "released order-1");
    }

    @Test
    void committingShipsTheUnitsOnceAndAnswersEachTime() {
        warehouse.reserve(reserve(ORDER, "SKU-000001", 3));
        warehouse.commit(new CommitStockCommand(ORDER));
        warehouse.commit(new CommitStockCommand(ORDER));

        assertThat(warehouse.stock(DESK)).contains(new StockLevel(DESK, 7, 0, 3));
        assertThat(store.replies()).containsExactly("reserved order-1", "committed order-1", "committed order-1");
    }

    @Test
    void committingWithoutAReservationIsRefusedWithoutAnAnswer() {
        assertThatExceptionOfType(IllegalReservationChange.class)
                .isThrownBy(() -> warehouse.commit(new CommitStockCommand(ORDER)))
                .withMessage("Order order-1 has no reservation to commit");
        assertThat(store.replies()).isEmpty();
    }

    @Test
    void restockingSetsAvailableAndLeavesReservedAlone() {
        warehouse.reserve(reserve(ORDER, "SKU-000001", 3));

        assertThat(warehouse.restock(new RestockCommand(DESK, 100))).contains(new StockLevel(DESK, 100, 3, 0));
        assertThat(warehouse.restock(new RestockCommand(new Sku("SKU-999999"), 100))).isEmpty();
    }

    private static ReserveStockCommand reserve(OrderId order, String sku, int quantity) {
        return new ReserveStockCommand(order, List.of(new RequestedLine(sku, quantity)));
    }
}
