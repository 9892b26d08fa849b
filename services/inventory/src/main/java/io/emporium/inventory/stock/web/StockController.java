package io.emporium.inventory.stock.web;

import java.util.List;

import io.emporium.inventory.stock.application.RestockCommand;
import io.emporium.inventory.stock.application.Warehouse;
import io.emporium.inventory.stock.model.Sku;
import io.emporium.platform.web.NotFound;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stock per sku under {@code /api/inventory/stock} (the gateway forwards that prefix unchanged). Any caller with a
 * valid token may read stock; only administrators may change it ({@link InventoryAccessRules}). Parameters are
 * validated here (a 400 problem lists each invalid one); unknown skus are 404 problems.
 */
@RestController
@RequestMapping("/api/inventory/stock")
class StockController {

    /** Most skus one {@code GET /api/inventory/stock?skus=...} may ask for. */
    static final int MAX_SKUS = 100;

    private final Warehouse warehouse;

    StockController(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @GetMapping("/{sku}")
    StockResponse stock(@PathVariable @Pattern(regexp = Sku.FORMAT) String sku) {
        return warehouse.stock(new Sku(sku)).map(StockResponse::of)
                .orElseThrow(() -> NotFound.of("stock", "of SKU " + sku));
    }

    /** The stock of the known ones among 1 to 100 comma-separated skus, in sku order; unknown skus are left out. */
    @GetMapping
    List<StockResponse> stock(
            @RequestParam @Size(min = 1, max = MAX_SKUS) List<@Pattern(regexp = Sku.FORMAT) String> skus) {
        return warehouse.stock(skus.stream().map(Sku::new).toList()).stream().map(StockResponse::of).toList();
    }

    /**
     * Admin only ({@link InventoryAccessRules}): sets the units available to reserve, leaving reserved and shipped
     * units alone. Idempotent. 404 for a sku the inventory does not know.
     */
    @PutMapping("/{sku}")
    StockResponse restock(@PathVariable @Pattern(regexp = Sku.FORMAT) String sku,
            @RequestBody @Valid RestockRequest request) {
        return warehouse.restock(new RestockCommand(new Sku(sku), request.available())).map(StockResponse::of)
                .orElseThrow(() -> NotFound.of("stock", "of SKU " + sku));
    }
}
