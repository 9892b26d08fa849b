package io.emporium.catalog.product.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The value types that name products and categories accept exactly their documented formats. */
class IdentifiersTest {

    @Test
    void productIdsArePositive() {
        assertThat(new ProductId(1).value()).isEqualTo(1);
        assertThatIllegalArgumentException().isThrownBy(() -> new ProductId(0));
        assertThatIllegalArgumentException().isThrownBy(() -> new ProductId(-5));
    }

    @ParameterizedTest
    @ValueSource(strings = { "SKU-000001", "ABC", "X1-2-3" })
    void skuAcceptsUpperCaseCodes(String sku) {
        assertThat(new Sku(sku).value()).isEqualTo(sku);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "sku-000001", "-SKU", "AB", "SKU 1", "SKU-0000000000000000000000000000001" })
    void skuRejectsOtherText(String sku) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Sku(sku));
    }

    @ParameterizedTest
    @ValueSource(strings = { "books", "home-decor" })
    void categoryAcceptsLowerCaseSlugs(String slug) {
        assertThat(new Category(slug).slug()).isEqualTo(slug);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "Books", "home_decor", "books1" })
    void categoryRejectsOtherText(String slug) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Category(slug));
    }

    @Test
    void categoryNamesAreLimitedTo40Characters() {
        assertThat(new Category("a".repeat(40)).slug()).hasSize(40);
        assertThatIllegalArgumentException().isThrownBy(() -> new Category("a".repeat(41)));
    }
}
