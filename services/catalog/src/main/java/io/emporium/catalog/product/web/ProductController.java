package io.emporium.catalog.product.web;

import java.util.List;

import io.emporium.catalog.product.application.ProductCatalog;
import io.emporium.catalog.product.model.Category;
import io.emporium.catalog.product.model.Paging;
import io.emporium.catalog.product.model.ProductFilter;
import io.emporium.catalog.product.model.ProductId;
import io.emporium.catalog.product.model.SearchText;
import io.emporium.catalog.product.model.Sku;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog's REST API under {@code /api/catalog} (the gateway forwards that prefix unchanged). Parameters are
 * validated here (a 400 problem lists each invalid one); unknown products are 404 problems.
 */
@RestController
@RequestMapping("/api/catalog")
class ProductController {

    private final ProductCatalog catalog;

    ProductController(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    /** Browses by id, or, with {@code q}, searches by relevance; {@code category} narrows either. */
    @GetMapping("/products")
    ProductPageResponse products(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size,
            @RequestParam(required = false) @Pattern(regexp = Category.FORMAT) @Nullable String category,
            @RequestParam(required = false) @Size(max = SearchText.MAX_LENGTH) @Nullable String q) {
        ProductFilter filter = new ProductFilter(category == null ? null : new Category(category),
                SearchText.parse(q).orElse(null));
        return ProductPageResponse.of(catalog.browse(filter, new Paging(page, size)));
    }

    @GetMapping("/products/{id}")
    ProductResponse product(@PathVariable @Positive long id) {
        return catalog.product(new ProductId(id)).map(ProductResponse::of)
                .orElseThrow(() -> ProductNotFound.withId(id));
    }

    @GetMapping("/products/sku/{sku}")
    ProductResponse productBySku(@PathVariable @Pattern(regexp = Sku.FORMAT) String sku) {
        return catalog.product(new Sku(sku)).map(ProductResponse::of)
                .orElseThrow(() -> ProductNotFound.withSku(sku));
    }

    @GetMapping("/categories")
    List<CategoryResponse> categories() {
        return catalog.categories().stream().map(CategoryResponse::of).toList();
    }
}
