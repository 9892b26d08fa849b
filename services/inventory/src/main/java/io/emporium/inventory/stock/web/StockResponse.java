package io.emporium.inventory.stock.web;

import io.emporium.inventory.stock.model.StockLevel;

/** A sku's stock: {@code {"sku": "SKU-000001", "available": 9998, "reserved": 2, "shipped": 0}}. */
record StockResponse(String sku, long available, long reserved, long shipped) {

    static StockResponse of(StockLevel level) {
        return new StockResponse(level.sku().value(), level.available(), level.reserved(), level.shipped());
    }
}
