package io.emporium.catalog.product.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.emporium.catalog.product.application.ProductCatalog;
import io.emporium.catalog.product.model.Category;
import io.emporium.catalog.product.model.CategorySummary;
import io.emporium.catalog.product.model.Money;
import io.emporium.catalog.product.model.Product;
import io.emporium.catalog.product.model.ProductFilter;
import io.emporium.catalog.product.model.ProductId;
import io.emporium.catalog.product.model.Products;
import io.emporium.catalog.product.model.Sku;
import io.emporium.catalog.product.stale.StaleReads;
import io.emporium.platform.paging.Page;
import io.emporium.platform.paging.Paging;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST adapter alone, over an in-memory catalog: JSON shapes, parameter validation and problem responses. */
@WebMvcTest(ProductController.class)
// the service's own URL rules are part of its web layer: browsing needs no token
@Import(CatalogAccessRules.class)
class ProductControllerTest {

    private final MockMvcTester mvc;

    ProductControllerTest(MockMvcTester mvc) {
        this.mvc = mvc;
    }

    @Test
    void productIsRenderedWithItsPrice() {
        assertThat(mvc.get().uri("/api/catalog/products/1")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"id":1,"sku":"SKU-000001","name":"Oak Desk","description":"A desk.",
                 "price":{"amount":249.90,"currency":"EUR"},"category":"office"}""");
    }

    @Test
    void productIsFoundBySku() {
        assertThat(mvc.get().uri("/api/catalog/products/sku/SKU-000002")).hasStatusOk()
                .bodyJson().extractingPath("$.id").asNumber().isEqualTo(2);
    }

    @Test
    void pageCarriesItsPosition() {
        assertThat(mvc.get().uri("/api/catalog/products?page=1&size=1")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"content":[{"id":2,"sku":"SKU-000002","name":"Linen Scarf","description":"A scarf.",
                              "price":{"amount":19.00,"currency":"EUR"},"category":"clothing"}],
                 "page":{"number":1,"size":1,"totalElements":2,"totalPages":2}}""");
    }

    @Test
    void unknownCategoryIsAnEmptyPage() {
        assertThat(mvc.get().uri("/api/catalog/products?category=garden")).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("""
                        {"content":[],"page":{"number":0,"size":20,"totalElements":0,"totalPages":0}}""");
    }

    @Test
    void categoriesAreListedWithTheirCounts() {
        assertThat(mvc.get().uri("/api/catalog/categories")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                [{"name":"clothing","productCount":1},{"name":"office","productCount":1}]""");
    }

    @Test
    void missingProductIsA404Problem() {
        MvcTestResult result = mvc.get().uri("/api/catalog/products/999999").exchange();

        assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().isEqualTo("No product with id 999999");
        assertThat(result).bodyJson().extractingPath("$.title").asString().isEqualTo("Product not found");
    }

    @Test
    void missingSkuIsA404Problem() {
        assertThat(mvc.get().uri("/api/catalog/products/sku/SKU-999999")).hasStatus(404)
                .bodyJson().extractingPath("$.detail").asString().isEqualTo("No product with SKU SKU-999999");
    }

    @Test
    void nonNumericIdIsA400Problem() {
        assertThat(mvc.get().uri("/api/catalog/products/abc")).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void nonPositiveIdIsA400ProblemNamingTheId() {
        assertThat(mvc.get().uri("/api/catalog/products/0")).hasStatus(400)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("id");
    }

    @Test
    void malformedSkuIsA400Problem() {
        assertThat(mvc.get().uri("/api/catalog/products/sku/not a sku")).hasStatus(400)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("sku");
    }

    @Test
    void everyInvalidListParameterIsNamedInTheProblem() {
        MvcTestResult result = mvc.get().uri("/api/catalog/products")
                .queryParam("page", "-1").queryParam("size", "101").queryParam("category", "Home_Decor")
                .queryParam("q", "x".repeat(101)).exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("page", "size", "category", "q");
    }

    @Test
    void sizeZeroIsRejected() {
        assertThat(mvc.get().uri("/api/catalog/products?size=0")).hasStatus(400)
                .bodyJson().extractingPath("$.errors[0].field").asString().isEqualTo("size");
    }

    @Test
    void nonNumericPageIsA400Problem() {
        assertThat(mvc.get().uri("/api/catalog/products?page=first")).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class InMemoryCatalog {

        @Bean
        StaleReads staleReads() {
            return StaleReads.create(1000, Duration.ofMinutes(10), CircuitBreaker.ofDefaults("catalog-db"));
        }

        @Bean
        ProductCatalog productCatalog() {
            return new ProductCatalog(new InMemoryProducts(List.of(
                    product(1, "Oak Desk", "A desk.", "249.9", "office"),
                    product(2, "Linen Scarf", "A scarf.", "19", "clothing"))));
        }

        private static Product product(long id, String name, String description, String price, String category) {
            return new Product(new ProductId(id), new Sku("SKU-%06d".formatted(id)), name, description,
                    Money.of(new BigDecimal(price), "EUR"), new Category(category));
        }
    }

    /** Just enough of a repository for the adapter: filters by category, ignores search text, orders by id. */
    record InMemoryProducts(List<Product> all) implements Products {

        @Override
        public Optional<Product> byId(ProductId id) {
            return first(product -> product.id().equals(id));
        }

        @Override
        public Optional<Product> bySku(Sku sku) {
            return first(product -> product.sku().equals(sku));
        }

        @Override
        public Page<Product> find(ProductFilter filter, Paging paging) {
            List<Product> selected = all.stream()
                    .filter(product -> filter.category() == null || product.category().equals(filter.category()))
                    .toList();
            return new Page<>(selected.stream().skip(paging.offset()).limit(paging.size()).toList(), paging,
                    selected.size());
        }

        @Override
        public List<CategorySummary> categories() {
            return all.stream().collect(Collectors.groupingBy(Product::category, Collectors.counting()))
                    .entrySet().stream().map(entry -> new CategorySummary(entry.getKey(), entry.getValue()))
                    .sorted(Comparator.comparing(summary -> summary.category().slug())).toList();
        }

        private Optional<Product> first(Predicate<Product> condition) {
            return all.stream().filter(condition).findFirst();
        }
    }
}
