package io.emporium.inventory.stock.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stock of every sku the inventory knows. */
public interface StockLevels {

    Optional<StockLevel> bySku(Sku sku);

    /** The known ones among {@code skus}, in sku order; unknown skus are left out. */
    List<StockLevel> bySkus(Collection<Sku> skus);

    /**
     * The known ones among {@code skus}, locked against concurrent change until the caller's transaction ends.
     * Rows are locked in sku order, whichever order {@code skus} has, so that commands touching overlapping skus
     * cannot deadlock. Must be called in a transaction.
     */
    Map<Sku, StockLevel> lock(Collection<Sku> skus);

    /**
     * Saves stock movements: levels read through {@link #lock} whose units moved between buckets. The total of
     * each sku must not change (the store refuses a change that would alter it).
     */
    void update(Collection<StockLevel> levels);

    /** Saves a level read through {@link #lock} after a stock count: its total changes with the count. */
    void recount(StockLevel level);
}
