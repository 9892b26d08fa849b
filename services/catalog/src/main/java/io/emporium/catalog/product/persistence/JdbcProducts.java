package io.emporium.catalog.product.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.emporium.catalog.product.model.Category;
import io.emporium.catalog.product.model.CategorySummary;
import io.emporium.catalog.product.model.Money;
import io.emporium.catalog.product.model.Product;
import io.emporium.catalog.product.model.ProductFilter;
import io.emporium.catalog.product.model.ProductId;
import io.emporium.catalog.product.model.Products;
import io.emporium.catalog.product.model.Sku;
import io.emporium.platform.paging.Page;
import io.emporium.platform.paging.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Products in the catalog's own PostgreSQL database (schema: {@code db/migration}), read with plain SQL. */
@Repository
class JdbcProducts implements Products {

    private static final String COLUMNS =
            "select p.id, p.sku, p.name, p.description, p.price_amount, p.price_currency, p.category";

    private final JdbcClient jdbc;

    JdbcProducts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Product> byId(ProductId id) {
        return jdbc.sql(COLUMNS + " from product p where p.id = ?").param(id.value())
                .query(JdbcProducts::product).optional();
    }

    @Override
    public Optional<Product> bySku(Sku sku) {
        return jdbc.sql(COLUMNS + " from product p where p.sku = ?").param(sku.value())
                .query(JdbcProducts::product).optional();
    }

    @Override
    public Page<Product> find(ProductFilter filter, Paging paging) {
        ProductQuery query = ProductQuery.of(filter);
        long total = jdbc.sql("select count(*)" + query.fromWhere()).params(query.params())
                .query(Long.class).single();
        if (total <= paging.offset()) {
            return new Page<>(List.of(), paging, total);
        }
        Map<String, Object> params = new HashMap<>(query.params());
        params.put("limit", paging.size());
        params.put("offset", paging.offset());
        List<Product> content = jdbc.sql(COLUMNS + query.fromWhere() + query.orderBy() + " limit :limit offset :offset")
                .params(params).query(JdbcProducts::product).list();
        return new Page<>(content, paging, total);
    }

    @Override
    public List<CategorySummary> categories() {
        return jdbc.sql("select category, count(*) from product group by category order by category")
                .query((rs, row) -> new CategorySummary(new Category(rs.getString(1)), rs.getLong(2))).list();
    }

    private static Product product(ResultSet rs, int row) throws SQLException {
        return new Product(new ProductId(rs.getLong("id")), new Sku(rs.getString("sku")), rs.getString("name"),
                rs.getString("description"), Money.of(rs.getBigDecimal("price_amount"), rs.getString("price_currency")),
                new Category(rs.getString("category")));
    }
}
