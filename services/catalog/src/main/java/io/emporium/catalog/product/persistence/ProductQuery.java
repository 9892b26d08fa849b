package io.emporium.catalog.product.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.emporium.catalog.product.model.Category;
import io.emporium.catalog.product.model.ProductFilter;
import io.emporium.catalog.product.model.SearchText;

/**
 * The SQL that selects the products of a {@link ProductFilter}: a {@code from ... where ...} part shared by the
 * count and the page query, the order, and the named parameters.
 *
 * <p>Search uses the stored, GIN-indexed {@code search_vector} (name weighted above category above description):
 * {@code websearch_to_tsquery} for what was typed, ORed, for plain words, with the same words whose last one is a
 * prefix ({@code wooden & cha:*}). Whole-word matches rank first, then prefix matches, then by id.
 */
record ProductQuery(String fromWhere, String orderBy, Map<String, Object> params) {

    static ProductQuery of(ProductFilter filter) {
        StringBuilder from = new StringBuilder(" from product p");
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        String orderBy = " order by p.id";

        SearchText text = filter.text();
        if (text != null) {
            from.append(" cross join websearch_to_tsquery('english', :text) as words");
            params.put("text", text.text());
            List<String> plainWords = text.plainWords();
            if (plainWords.isEmpty()) {
                conditions.add("p.search_vector @@ words");
                orderBy = " order by ts_rank_cd(p.search_vector, words) desc, p.id";
            }
            else {
                from.append(" cross join to_tsquery('english', :prefix) as prefix");
                params.put("prefix", lastWordAsPrefix(plainWords));
                conditions.add("(p.search_vector @@ words or p.search_vector @@ prefix)");
                orderBy = " order by ts_rank_cd(p.search_vector, words) desc,"
                        + " ts_rank_cd(p.search_vector, prefix) desc, p.id";
            }
        }
        Category category = filter.category();
        if (category != null) {
            conditions.add("p.category = :category");
            params.put("category", category.slug());
        }
        if (!conditions.isEmpty()) {
            from.append(" where ").append(String.join(" and ", conditions));
        }
        return new ProductQuery(from.toString(), orderBy, Map.copyOf(params));
    }

    /** {@code to_tsquery} syntax; safe because plain words hold only letters and digits. */
    static String lastWordAsPrefix(List<String> plainWords) {
        return String.join(" & ", plainWords) + ":*";
    }
}
