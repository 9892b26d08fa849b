package io.emporium.inventory.stock.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.emporium.inventory.stock.model.Sku;
import io.emporium.inventory.stock.model.StockLevel;
import io.emporium.inventory.stock.model.StockLevels;
import org.springframework.dao.IncorrectUpdateSemanticsDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stock levels in the inventory's PostgreSQL database (schema: {@code db/migration}). Locks are row locks
 * ({@code select ... order by sku for update}): PostgreSQL takes them in the sorted order, which is what keeps
 * concurrent commands on overlapping skus free of deadlocks.
 */
@Repository
class JdbcStockLevels implements StockLevels {

    private static final String COLUMNS = "select sku, available, reserved, shipped from stock_level";

    private final JdbcClient jdbc;

    JdbcStockLevels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StockLevel> bySku(Sku sku) {
        return jdbc.sql(COLUMNS + " where sku = ?").param(sku.value()).query(JdbcStockLevels::level).optional();
    }

    @Override
    public List<StockLevel> bySkus(Collection<Sku> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(COLUMNS + " where sku = any(?) order by sku").param(texts(skus))
                .query(JdbcStockLevels::level).list();
    }

    @Override
    public Map<Sku, StockLevel> lock(Collection<Sku> skus) {
        Map<Sku, StockLevel> locked = new LinkedHashMap<>();
        if (!skus.isEmpty()) {
            jdbc.sql(COLUMNS + " where sku = any(?) order by sku for update").param(texts(skus))
                    .query(JdbcStockLevels::level).list().forEach(level -> locked.put(level.sku(), level));
        }
        return locked;
    }

    @Override
    public void update(Collection<StockLevel> levels) {
        for (StockLevel level : levels) {
            int updated = jdbc.sql("""
                    update stock_level set available = ?, reserved = ?, shipped = ?, updated_at = now()
                    where sku = ?""")
                    .params(level.available(), level.reserved(), level.shipped(), level.sku().value()).update();
            requireOneRow(updated, level.sku());
        }
    }

    @Override
    public void recount(StockLevel level) {
        int updated = jdbc.sql("""
                update stock_level set available = ?, reserved = ?, shipped = ?, total_units = ?, updated_at = now()
                where sku = ?""")
                .params(level.available(), level.reserved(), level.shipped(), level.total(), level.sku().value())
                .update();
        requireOneRow(updated, level.sku());
    }

    private static void requireOneRow(int updated, Sku sku) {
        if (updated != 1) {
            throw new IncorrectUpdateSemanticsDataAccessException("No stock level of " + sku + " to update");
        }
    }

    private static String[] texts(Collection<Sku> skus) {
        return skus.stream().map(Sku::value).distinct().toArray(String[]::new);
    }

    private static StockLevel level(ResultSet rs, int row) throws SQLException {
        return new StockLevel(new Sku(rs.getString("sku")), rs.getLong("available"), rs.getLong("reserved"),
                rs.getLong("shipped"));
    }
}
