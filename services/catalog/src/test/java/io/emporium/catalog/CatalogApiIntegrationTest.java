package io.emporium.catalog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;

import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.security.TestIssuer;
import io.emporium.platform.test.web.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole service over HTTP, on its real schema and seed data in a real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "eureka.client.enabled=false")
@TestInfrastructure(database = "catalog")
class CatalogApiIntegrationTest {

    private static final JsonMapper json = JsonMapper.shared();

    private final TestHttp http;

    CatalogApiIntegrationTest(@LocalServerPort int port) {
        this.http = new TestHttp(port);
    }

    @Test
    void seedHoldsAtLeastAThousandProductsInTenCategories() {
        JsonNode categories = ok("/api/catalog/categories");
        long counted = StreamSupport.stream(categories.spliterator(), false)
                .mapToLong(category -> category.get("productCount").asLong()).sum();

        assertThat(categories).hasSize(10);
        assertThat(counted).isGreaterThanOrEqualTo(1000);
        assertThat(ok("/api/catalog/products?size=1").get("page").get("totalElements").asLong()).isEqualTo(counted);
    }

    @Test
    void walkingAllPagesVisitsEveryProductOnceInIdOrder() {
        JsonNode first = ok("/api/catalog/products?size=100");
        long total = first.get("page").get("totalElements").asLong();
        long pages = first.get("page").get("totalPages").asLong();
        List<Long> ids = new ArrayList<>();

        for (int page = 0; page < pages; page++) {
            ok("/api/catalog/products?size=100&page=" + page).get("content")
                    .forEach(product -> ids.add(product.get("id").asLong()));
        }

        assertThat(pages).isEqualTo((total + 99) / 100);
        assertThat(ids).hasSize((int) total).doesNotHaveDuplicates().isSorted();
        assertThat(ok("/api/catalog/products?size=100&page=" + pages).get("content")).isEmpty();
    }

    @Test
    void categoryFilterReturnsOnlyThatCategoryAndItsCount() {
        JsonNode page = ok("/api/catalog/products?category=home-decor&size=100");
        long expected = StreamSupport.stream(ok("/api/catalog/categories").spliterator(), false)
                .filter(category -> category.get("name").asString().equals("home-decor"))
                .findFirst().orElseThrow().get("productCount").asLong();

        assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(expected);
        assertThat(page.get("content")).isNotEmpty()
                .allSatisfy(product -> assertThat(product.get("category").asString()).isEqualTo("home-decor"));
    }

    @Test
    void unknownCategoryIsAnEmptyPage() {
        JsonNode page = ok("/api/catalog/products?category=no-such-category");

        assertThat(page.get("content")).isEmpty();
        assertThat(page.get("page").get("totalElements").asLong()).isZero();
        assertThat(page.get("page").get("totalPages").asLong()).isZero();
    }

    @Test
    void searchFindsProductsByTheWordsOfTheirName() {
        JsonNode page = ok("/api/catalog/products?size=100&q=" + encode("wooden train set"));

        assertThat(page.get("content")).isNotEmpty().allSatisfy(product -> assertThat(name(product))
                .contains("wooden").contains("train set"));
    }

    @Test
    void searchRanksNameMatchesAboveDescriptionMatches() {
        List<Boolean> nameMatches = new ArrayList<>();
        ok("/api/catalog/products?size=100&q=cardboard").get("content")
                .forEach(product -> nameMatches.add(name(product).contains("cardboard")));

        assertThat(nameMatches).contains(true, false);
        assertThat(nameMatches.subList(nameMatches.indexOf(false), nameMatches.size())).doesNotContain(true);
    }

    @Test
    void aPartlyTypedLastWordMatchesAsAPrefix() {
        JsonNode page = ok("/api/catalog/products?size=100&q=" + encode("merino swea"));

        assertThat(page.get("content")).isNotEmpty().allSatisfy(product -> assertThat(name(product))
                .contains("merino wool sweater"));
    }

    @Test
    void searchCanBeNarrowedToACategory() {
        JsonNode page = ok("/api/catalog/products?size=100&category=office&q=leather");

        assertThat(page.get("content")).isNotEmpty().allSatisfy(product -> {
            assertThat(product.get("category").asString()).isEqualTo("office");
            assertThat(name(product)).contains("leather");
        });
    }

    @Test
    void searchWithNoMatchIsAnEmptyPage() {
        assertThat(ok("/api/catalog/products?q=" + encode("\"zeppelin\"")).get("page").get("totalElements").asLong())
                .isZero();
    }

    @Test
    void productIsFoundByIdAndBySku() {
        JsonNode byId = ok("/api/catalog/products/1");
        JsonNode bySku = ok("/api/catalog/products/sku/" + byId.get("sku").asString());

        assertThat(bySku).isEqualTo(byId);
        assertThat(byId.get("sku").asString()).isEqualTo("SKU-000001");
        assertThat(byId.propertyNames()).containsExactly("id", "sku", "name", "description", "price", "category");
        assertThat(byId.get("price").get("amount").decimalValue()).isPositive();
        assertThat(byId.get("price").get("currency").asString()).isEqualTo("EUR");
    }

    @Test
    void missingProductIsA404ProblemWithTraceId() {
        JsonNode problem = problem("/api/catalog/products/999999", 404);

        assertThat(problem.get("detail").asString()).isEqualTo("No product with id 999999");
    }

    @Test
    void missingSkuIsA404ProblemWithTraceId() {
        problem("/api/catalog/products/sku/SKU-999999", 404);
    }

    @Test
    void invalidParametersAreA400ProblemListingThem() {
        JsonNode problem = problem("/api/catalog/products?page=-1&size=500", 400);

        assertThat(problem.get("errors")).extracting(error -> error.get("field").asString())
                .containsExactlyInAnyOrder("page", "size");
    }

    @Test
    void nonNumericIdIsA400ProblemWithTraceId() {
        problem("/api/catalog/products/abc", 400);
    }

    @Test
    void browsingNeedsNoTokenButATokenThatIsSentIsChecked() {
        TestIssuer issuer = TestIssuer.shared();
        String ordersToken = issuer.sign(issuer.claims("orders-service", List.of("service")).audience("catalog").build());
        String paymentsToken = issuer.sign(issuer.claims("orders-service", List.of("service")).audience("payments")
                .build());

        assertThat(http.get("/api/catalog/products/sku/SKU-000001", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/catalog/products/sku/SKU-000001", ordersToken).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/catalog/products/sku/SKU-000001", paymentsToken).statusCode()).isEqualTo(401);
        assertThat(http.get("/actuator/loggers", null).statusCode()).isEqualTo(401);
    }

    @Test
    void readinessLeavesTheDatabaseOutButSaysWhetherStaleAnswersAreServed() {
        assertThat(ok("/actuator/health/readiness").propertyNames()).containsExactly("status");
        String admin = TestIssuer.shared().admin();
        JsonNode readiness = json.readTree(http.get("/actuator/health/readiness", admin).body());

        assertThat(readiness.get("status").asString()).isEqualTo("UP");
        assertThat(readiness.get("components").has("db")).isFalse();
        assertThat(readiness.at("/components/staleCache/details/database").asString()).isEqualTo("reachable");
        assertThat(json.readTree(http.get("/actuator/health", admin).body()).at("/components/db/status").asString())
                .isEqualTo("UP");
    }

    private JsonNode ok(String path) {
        return http.ok(path, null);
    }

    private JsonNode problem(String path, int status) {
        return http.problem(path, null, status);
    }

    private static String name(JsonNode product) {
        return product.get("name").asString().toLowerCase(Locale.ROOT);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
