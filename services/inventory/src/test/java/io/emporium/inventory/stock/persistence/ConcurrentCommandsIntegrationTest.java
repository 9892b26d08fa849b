package io.emporium.inventory.stock.persistence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.emporium.inventory.stock.application.CommitStockCommand;
import io.emporium.inventory.stock.application.ReleaseStockCommand;
import io.emporium.inventory.stock.application.ReserveStockCommand;
import io.emporium.inventory.stock.application.RestockCommand;
import io.emporium.inventory.stock.application.Warehouse;
import io.emporium.inventory.stock.model.OrderId;
import io.emporium.inventory.stock.model.RequestedLine;
import io.emporium.inventory.stock.model.ReserveVerdict;
import io.emporium.inventory.stock.model.Sku;
import io.emporium.inventory.stock.model.StockLevel;
import io.emporium.inventory.stock.model.StockLevels;
import io.emporium.inventory.support.InventoryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Many saga commands at once, on overlapping skus, from many threads, against the real database: no deadlock, no
 * lost update, and for every sku {@code available + reserved + shipped} stays the stock it started with, with
 * {@code reserved} and {@code shipped} exactly what the RESERVED and COMMITTED reservations hold.
 */
class ConcurrentCommandsIntegrationTest extends InventoryIntegrationTest {

    private static final List<Sku> SKUS = IntStream.rangeClosed(501, 506).mapToObj(n -> new Sku("SKU-%06d".formatted(n)))
            .toList();
    private static final long INITIAL_STOCK = 40;
    private static final int THREADS = 8;
    private static final int ORDERS_PER_THREAD = 30;

    private final Warehouse warehouse;
    private final StockLevels stockLevels;
    private final JdbcClient jdbc;

    ConcurrentCommandsIntegrationTest(Warehouse warehouse, StockLevels stockLevels, JdbcClient jdbc) {
        this.warehouse = warehouse;
        this.stockLevels = stockLevels;
        this.jdbc = jdbc;
    }

    @Test
    void concurrentCommandsOnOverlappingSkusKeepEveryUnitAccountedFor() throws Exception {
        SKUS.forEach(sku -> warehouse.restock(new RestockCommand(sku, INITIAL_STOCK)));
        List<ReserveVerdict> verdicts = Collections.synchronizedList(new ArrayList<>());

        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> work = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int t = thread;
                work.add(threads.submit(() -> {
                    for (int n = 0; n < ORDERS_PER_THREAD; n++) {
                        verdicts.add(placeAndSettle(new OrderId("concurrent-" + t + "-" + n)));
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get(2, TimeUnit.MINUTES);
            }
        }

        assertThat(verdicts).hasSize(THREADS * ORDERS_PER_THREAD)
                .anyMatch(ReserveVerdict.Reserved.class::isInstance)
                .anyMatch(ReserveVerdict.Rejected.class::isInstance);
        Map<String, Long> held = held("RESERVED");
        Map<String, Long> shipped = held("COMMITTED");
        for (StockLevel level : stockLevels.bySkus(SKUS)) {
            assertThat(level.total()).as("total of %s", level.sku()).isEqualTo(INITIAL_STOCK);
            assertThat(level.reserved()).as("reserved of %s", level.sku()).isEqualTo(held.getOrDefault(level.sku().value(), 0L));
            assertThat(level.shipped()).as("shipped of %s", level.sku()).isEqualTo(shipped.getOrDefault(level.sku().value(), 0L));
        }
    }

    @Test
    void theDatabaseRefusesAMovementThatWouldCreateUnits() {
        StockLevel level = stockLevels.bySku(new Sku("SKU-000600")).orElseThrow();

        assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> stockLevels.update(
                List.of(new StockLevel(level.sku(), level.available() + 1, level.reserved(), level.shipped()))))
                .withMessageContaining("stock_level_units_balance");
    }

    /** Reserves 1 to 3 random lines (in random order), then releases, commits or keeps the reservation. */
    private ReserveVerdict placeAndSettle(OrderId order) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Sku> skus = new ArrayList<>(SKUS);
        Collections.shuffle(skus);
        List<RequestedLine> lines = skus.subList(0, random.nextInt(1, 4)).stream()
                .map(sku -> new RequestedLine(sku.value(), random.nextInt(1, 6))).toList();
        ReserveVerdict verdict = warehouse.reserve(new ReserveStockCommand(order, lines));
        if (verdict instanceof ReserveVerdict.Reserved) {
            switch (random.nextInt(3)) {
                case 0 -> warehouse.release(new ReleaseStockCommand(order, "payment declined"));
                case 1 -> warehouse.commit(new CommitStockCommand(order));
                default -> { }
            }
        }
        return verdict;
    }

    /** Units per sku that this test's reservations in {@code status} hold. */
    private Map<String, Long> held(String status) {
        return jdbc.sql("""
                select l.sku, sum(l.quantity) from reservation_line l join reservation r on r.order_id = l.order_id
                where r.status = ? and r.order_id like 'concurrent-%' group by l.sku""")
                .param(status).query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
