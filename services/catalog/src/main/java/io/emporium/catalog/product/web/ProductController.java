package io.emporium.catalog.product.web;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.emporium.catalog.product.application.ProductCatalog;
import io.emporium.catalog.product.model.Category;
import io.emporium.catalog.product.model.Product;
import io.emporium.catalog.product.model.ProductFilter;
import io.emporium.catalog.product.model.ProductId;
import io.emporium.catalog.product.model.SearchText;
import io.emporium.catalog.product.model.Sku;
import io.emporium.catalog.product.stale.StaleReads;
import io.emporium.catalog.product.stale.StaleReads.Answer;
import io.emporium.platform.paging.Paging;
import io.emporium.platform.web.NotFound;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog's REST API under {@code /api/catalog} (the gateway forwards that prefix unchanged). Parameters are
 * validated here (a 400 problem lists each invalid one); unknown products are 404 problems.
 *
 * <p>While the database is briefly unreachable, every read is answered from the last good answer to the same request
 * ({@link StaleReads}), with headers {@value #STALE}{@code : true} and {@code Age} (seconds since it was read from
 * the database); a request never answered before is a 503 problem with {@code Retry-After}.
 */
@RestController
@RequestMapping("/api/catalog")
class ProductController {

    static final String STALE = "Emporium-Stale";

    private final ProductCatalog catalog;
    private final StaleReads reads;

    ProductController(ProductCatalog catalog, StaleReads reads) {
        this.catalog = catalog;
        this.reads = reads;
    }

    /** Browses by id, or, with {@code q}, searches by relevance; {@code category} narrows either. */
    @GetMapping("/products")
    ResponseEntity<ProductPageResponse> products(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size,
            @RequestParam(required = false) @Pattern(regexp = Category.FORMAT) @Nullable String category,
            @RequestParam(required = false) @Size(max = SearchText.MAX_LENGTH) @Nullable String q) {
        ProductFilter filter = new ProductFilter(category == null ? null : new Category(category),
                SearchText.parse(q).orElse(null));
        String key = "products?page=" + page + "&size=" + size + "&category=" + category + "&q=" + q;
        return respond(reads.read(key, () -> catalog.browse(filter, new Paging(page, size))), ProductPageResponse::of);
    }

    @GetMapping("/products/{id}")
    ResponseEntity<ProductResponse> product(@PathVariable @Positive long id) {
        Answer<Optional<Product>> answer = reads.read("products/" + id, () -> catalog.product(new ProductId(id)));
        return respond(answer, product -> product.map(ProductResponse::of)
                .orElseThrow(() -> staleMarked(NotFound.of("product", "with id " + id), answer)));
    }

    @GetMapping("/products/sku/{sku}")
    ResponseEntity<ProductResponse> productBySku(@PathVariable @Pattern(regexp = Sku.FORMAT) String sku) {
        Answer<Optional<Product>> answer = reads.read("products/sku/" + sku, () -> catalog.product(new Sku(sku)));
        return respond(answer, product -> product.map(ProductResponse::of)
                .orElseThrow(() -> staleMarked(NotFound.of("product", "with SKU " + sku), answer)));
    }

    @GetMapping("/categories")
    ResponseEntity<List<CategoryResponse>> categories() {
        return respond(reads.read("categories", catalog::categories),
                categories -> categories.stream().map(CategoryResponse::of).toList());
    }

    private static <T, R> ResponseEntity<R> respond(Answer<T> answer, Function<T, R> body) {
        return ResponseEntity.ok().headers(staleHeaders(answer)).body(body.apply(answer.value()));
    }

    private static NotFound staleMarked(NotFound notFound, Answer<?> answer) {
        notFound.getHeaders().addAll(staleHeaders(answer));
        return notFound;
    }

    private static HttpHeaders staleHeaders(Answer<?> answer) {
        HttpHeaders headers = new HttpHeaders();
        if (answer.age() != null) {
            headers.set(STALE, "true");
            headers.set(HttpHeaders.AGE, String.valueOf(answer.age().toSeconds()));
        }
        return headers;
    }
}
