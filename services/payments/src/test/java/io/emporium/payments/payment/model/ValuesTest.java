package io.emporium.payments.payment.model;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Ids and amounts accept exactly their documented formats. */
class ValuesTest {

    @ParameterizedTest
    @ValueSource(strings = { "3f2b8c1e-0d6a-4c3e-9d57-2b1f0e6c9a10", "order-1", "A.b_C-9" })
    void orderIdsAreUuidsOrOtherPlainNames(String id) {
        assertThat(new OrderId(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "order 1", "order/1", "ö" })
    void orderIdsRejectOtherText(String id) {
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderId(id));
    }

    @Test
    void customerIdsAreLimitedTo50CharactersAndOrderIdsTo64() {
        assertThat(new CustomerId("c".repeat(50)).value()).hasSize(50);
        assertThatIllegalArgumentException().isThrownBy(() -> new CustomerId("c".repeat(51)));
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderId("o".repeat(65)));
        assertThatIllegalArgumentException().isThrownBy(() -> new CustomerId(null));
    }

    @Test
    void amountIsHeldWithTheCurrencysMinorUnits() {
        assertThat(Money.of(new BigDecimal("12.9"), "EUR").amount()).isEqualTo(new BigDecimal("12.90"));
        assertThat(Money.of(new BigDecimal("1500.000"), "JPY").amount()).isEqualTo(new BigDecimal("1500"));
    }

    @Test
    void fractionsOfTheMinorUnitAreRejectedRatherThanRounded() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(new BigDecimal("9.999"), "EUR"))
                .withMessageContaining("EUR has 2 decimal places");
    }

    @Test
    void negativeAmountsAndUnknownCurrenciesAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(new BigDecimal("-0.01"), "EUR"));
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(BigDecimal.ONE, "XYZ"));
    }

    @Test
    void limitIsComparedAsANumberWhateverTheScale() {
        assertThat(Money.of(new BigDecimal("5000"), "EUR").exceeds(new BigDecimal("5000.00"))).isFalse();
        assertThat(Money.of(new BigDecimal("5000.01"), "EUR").exceeds(new BigDecimal("5000.00"))).isTrue();
        assertThat(Money.of(new BigDecimal("5001"), "JPY").exceeds(new BigDecimal("5000.00"))).isTrue();
    }
}
