package io.emporium.catalog.product.model;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTest {

    @Test
    void amountIsHeldWithTheCurrencysMinorUnits() {
        assertThat(Money.of(new BigDecimal("12.9"), "EUR").amount()).isEqualTo(new BigDecimal("12.90"));
        assertThat(Money.of(new BigDecimal("1500.00"), "JPY").amount()).isEqualTo(new BigDecimal("1500"));
    }

    @Test
    void equalAmountsWrittenDifferentlyAreEqual() {
        assertThat(Money.of(new BigDecimal("5"), "EUR")).isEqualTo(Money.of(new BigDecimal("5.00"), "EUR"));
    }

    @Test
    void negativeAmountIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(new BigDecimal("-0.01"), "EUR"));
    }

    @Test
    void fractionsOfTheMinorUnitAreRejectedRatherThanRounded() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(new BigDecimal("9.999"), "EUR"))
                .withMessageContaining("EUR has 2 decimal places");
    }

    @Test
    void unknownCurrencyCodeIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(BigDecimal.ONE, "XYZ"));
    }
}
