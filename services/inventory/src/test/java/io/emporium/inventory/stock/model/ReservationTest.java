package io.emporium.inventory.stock.model;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReservationTest {

    private static final OrderId ORDER = new OrderId("order-1");
    private static final Sku DESK = new Sku("SKU-000001");
    private static final Sku LAMP = new Sku("SKU-000002");
    private static final Sku SOLD_OUT = new Sku("SKU-001200");

    private final Map<Sku, StockLevel> stock = Map.of(
            DESK, new StockLevel(DESK, 10, 0, 0),
            LAMP, new StockLevel(LAMP, 5, 1, 0),
            SOLD_OUT, new StockLevel(SOLD_OUT, 0, 0, 0));

    @Test
    void placingReservesEveryLine() {
        Reservation.Change change = Reservation.place(ORDER,
                List.of(new RequestedLine("SKU-000002", 5), new RequestedLine("SKU-000001", 2)), stock);

        assertThat(change.reservation()).isEqualTo(new Reservation(ORDER, ReservationStatus.RESERVED,
                List.of(new Line(DESK, 2), new Line(LAMP, 5)), null, List.of()));
        assertThat(change.movedStock()).containsExactlyInAnyOrder(
                new StockLevel(DESK, 8, 2, 0), new StockLevel(LAMP, 0, 6, 0));
        assertThat(change.reservation().verdict()).isEqualTo(new ReserveVerdict.Reserved(ORDER));
    }

    @Test
    void linesOfTheSameSkuAreAddedUp() {
        Reservation.Change change = Reservation.place(ORDER,
                List.of(new RequestedLine("SKU-000001", 2), new RequestedLine("SKU-000001", 3)), stock);

        assertThat(change.reservation().lines()).containsExactly(new Line(DESK, 5));
        assertThat(change.movedStock()).containsExactly(new StockLevel(DESK, 5, 5, 0));
    }

    @Test
    void oneShortLineRejectsTheWholeOrderAndMovesNothing() {
        Reservation.Change change = Reservation.place(ORDER,
                List.of(new RequestedLine("SKU-000001", 2), new RequestedLine("SKU-001200", 1)), stock);

        assertThat(change.reservation().status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(change.reservation().lines()).isEmpty();
        assertThat(change.movedStock()).isEmpty();
        assertThat(change.reservation().verdict()).isEqualTo(
                new ReserveVerdict.Rejected(ORDER, "insufficient stock", List.of("SKU-001200")));
    }

    @Test
    void sameSkuLinesThatTogetherExceedTheStockAreUnavailable() {
        Reservation.Change change = Reservation.place(ORDER,
                List.of(new RequestedLine("SKU-000002", 3), new RequestedLine("SKU-000002", 3)), stock);

        assertThat(change.reservation().unavailableSkus()).containsExactly("SKU-000002");
    }

    @Test
    void unknownAndMalformedSkusAreUnavailable() {
        Reservation.Change change = Reservation.place(ORDER, List.of(new RequestedLine("SKU-999999", 1),
                new RequestedLine("not a sku", 1), new RequestedLine("SKU-000001", 1)), stock);

        assertThat(change.reservation().unavailableSkus()).containsExactly("SKU-999999", "not a sku");
        assertThat(Reservation.skusOf(List.of(new RequestedLine("not a sku", 1), new RequestedLine("SKU-000002", 1),
                new RequestedLine("SKU-000001", 1)))).containsExactly(DESK, LAMP);
    }

    @Test
    void anOrderWithoutLinesCannotBePlaced() {
        assertThatIllegalArgumentException().isThrownBy(() -> Reservation.place(ORDER, List.of(), stock));
    }

    @Test
    void releasingGivesTheUnitsBackAndKeepsTheLines() {
        Reservation reserved = Reservation.place(ORDER, List.of(new RequestedLine("SKU-000001", 2)), stock)
                .reservation();

        Reservation.Change change = reserved.release("payment declined", Map.of(DESK, new StockLevel(DESK, 8, 2, 0)));

        assertThat(change.reservation()).isEqualTo(new Reservation(ORDER, ReservationStatus.RELEASED,
                List.of(new Line(DESK, 2)), "payment declined", List.of()));
        assertThat(change.movedStock()).containsExactly(new StockLevel(DESK, 10, 0, 0));
    }

    @Test
    void releasingTwiceChangesNothingTheSecondTime() {
        Reservation released = new Reservation(ORDER, ReservationStatus.RELEASED, List.of(new Line(DESK, 2)),
                "payment declined", List.of());

        Reservation.Change again = released.release("timeout", stock);

        assertThat(again.reservation()).isEqualTo(released);
        assertThat(again.movedStock()).isEmpty();
    }

    @Test
    void aReleaseBeforeTheReserveMakesTheLateReserveARejection() {
        Reservation released = Reservation.releasedBeforeReserving(ORDER, "saga timed out");

        assertThat(released.lines()).isEmpty();
        assertThat(released.verdict()).isEqualTo(
                new ReserveVerdict.Rejected(ORDER, "order already released", List.of()));
    }

    @Test
    void releasingARejectedReservationChangesNothing() {
        Reservation rejected = new Reservation(ORDER, ReservationStatus.REJECTED, List.of(), "insufficient stock",
                List.of("SKU-001200"));

        assertThat(rejected.release("payment declined", stock).reservation()).isEqualTo(rejected);
    }

    @Test
    void committingShipsTheReservedUnitsOnce() {
        Reservation reserved = new Reservation(ORDER, ReservationStatus.RESERVED, List.of(new Line(LAMP, 1)), null,
                List.of());

        Reservation.Change change = reserved.commit(stock);
        Reservation.Change again = change.reservation().commit(stock);

        assertThat(change.reservation().status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(change.movedStock()).containsExactly(new StockLevel(LAMP, 5, 0, 1));
        assertThat(again.reservation()).isEqualTo(change.reservation());
        assertThat(again.movedStock()).isEmpty();
        assertThat(change.reservation().verdict()).isEqualTo(new ReserveVerdict.Reserved(ORDER));
    }

    @Test
    void aCommittedReservationCannotBeReleased() {
        Reservation committed = new Reservation(ORDER, ReservationStatus.COMMITTED, List.of(new Line(LAMP, 1)), null,
                List.of());

        assertThatExceptionOfType(IllegalReservationChange.class)
                .isThrownBy(() -> committed.release("too late", stock))
                .withMessage("Cannot release the reservation of order order-1: it was committed");
    }

    @Test
    void releasedAndRejectedReservationsCannotBeCommitted() {
        Reservation released = Reservation.releasedBeforeReserving(ORDER, "timeout");
        Reservation rejected = new Reservation(ORDER, ReservationStatus.REJECTED, List.of(), "insufficient stock",
                List.of("SKU-001200"));

        assertThatExceptionOfType(IllegalReservationChange.class).isThrownBy(() -> released.commit(stock))
                .withMessage("Cannot commit the reservation of order order-1: it is RELEASED");
        assertThatExceptionOfType(IllegalReservationChange.class).isThrownBy(() -> rejected.commit(stock));
    }

    @Test
    void aReservationHoldsOneLinePerSkuAndOnlyARejectionListsUnavailableSkus() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Reservation(ORDER, ReservationStatus.RESERVED,
                List.of(new Line(DESK, 1), new Line(DESK, 2)), null, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new Reservation(ORDER, ReservationStatus.RESERVED,
                List.of(), null, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new Reservation(ORDER, ReservationStatus.RELEASED,
                List.of(), "x", List.of("SKU-000001")));
    }
}
