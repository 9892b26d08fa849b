package io.emporium.inventory.stock.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StockLevelTest {

    private static final Sku SKU = new Sku("SKU-000001");

    @Test
    void reservingMovesUnitsFromAvailableToReserved() {
        assertThat(new StockLevel(SKU, 10, 0, 0).reserve(3)).isEqualTo(new StockLevel(SKU, 7, 3, 0));
    }

    @Test
    void reservingMoreThanIsAvailableIsRefusedAndChangesNothing() {
        StockLevel level = new StockLevel(SKU, 2, 5, 0);

        assertThat(level.canReserve(3)).isFalse();
        assertThatExceptionOfType(InsufficientStock.class).isThrownBy(() -> level.reserve(3))
                .withMessage("Cannot reserve 3 of SKU-000001: only 2 available");
        assertThat(level).isEqualTo(new StockLevel(SKU, 2, 5, 0));
    }

    @Test
    void releasingGivesReservedUnitsBack() {
        assertThat(new StockLevel(SKU, 7, 3, 0).release(3)).isEqualTo(new StockLevel(SKU, 10, 0, 0));
    }

    @Test
    void shippingMovesReservedUnitsToShipped() {
        assertThat(new StockLevel(SKU, 7, 3, 1).ship(2)).isEqualTo(new StockLevel(SKU, 7, 1, 3));
    }

    @Test
    void unitsThatAreNotReservedCanBeNeitherReleasedNorShipped() {
        StockLevel level = new StockLevel(SKU, 10, 1, 0);

        assertThatExceptionOfType(InsufficientStock.class).isThrownBy(() -> level.release(2));
        assertThatExceptionOfType(InsufficientStock.class).isThrownBy(() -> level.ship(2));
    }

    @Test
    void movementsKeepTheTotal() {
        StockLevel level = new StockLevel(SKU, 10, 0, 0);

        assertThat(level.reserve(4).release(1).ship(2).total()).isEqualTo(10);
    }

    @Test
    void restockingSetsAvailableAndKeepsReservedAndShipped() {
        StockLevel restocked = new StockLevel(SKU, 1, 2, 3).restock(50);

        assertThat(restocked).isEqualTo(new StockLevel(SKU, 50, 2, 3));
        assertThat(restocked.total()).isEqualTo(55);
    }

    @Test
    void movementsAreAtLeastOneUnitAndBucketsNeverNegative() {
        StockLevel level = new StockLevel(SKU, 10, 10, 0);

        assertThatIllegalArgumentException().isThrownBy(() -> level.reserve(0));
        assertThatIllegalArgumentException().isThrownBy(() -> level.release(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> level.restock(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> new StockLevel(SKU, -1, 0, 0));
    }
}
