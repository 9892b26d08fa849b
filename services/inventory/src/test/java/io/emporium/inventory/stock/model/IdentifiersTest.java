package io.emporium.inventory.stock.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The value types that name stock and orders accept exactly their documented formats. */
class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = { "SKU-000001", "ABC", "X1-2-3" })
    void skuAcceptsUpperCaseCodes(String sku) {
        assertThat(new Sku(sku).value()).isEqualTo(sku);
        assertThat(Sku.parse(sku)).contains(new Sku(sku));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "sku-000001", "-SKU", "AB", "SKU 1", "SKU-0000000000000000000000000000001" })
    void skuRejectsOtherTextAndParsesItAsNoSku(String sku) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Sku(sku));
        assertThat(Sku.parse(sku)).isEmpty();
    }

    @Test
    void skusSortByTheirText() {
        assertThat(new Sku("SKU-000002")).isGreaterThan(new Sku("SKU-000001"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "42", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "order_1.a:b" })
    void orderIdAcceptsUuidsAndSimpleCodes(String id) {
        assertThat(new OrderId(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "-1", "order 1", "order/1" })
    void orderIdRejectsOtherText(String id) {
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderId(id));
    }

    @Test
    void orderIdsAreLimitedTo64Characters() {
        assertThat(new OrderId("a".repeat(64)).value()).hasSize(64);
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderId("a".repeat(65)));
    }
}
