package io.emporium.catalog.product.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in one currency, never negative, held with exactly the currency's minor-unit scale
 * ({@code 12.9 EUR} becomes {@code 12.90 EUR}).
 */
public record Money(BigDecimal amount, Currency currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("A price cannot be negative, got " + amount);
        }
        try {
            amount = amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
        }
        catch (ArithmeticException ex) {
            throw new IllegalArgumentException(currency + " has " + currency.getDefaultFractionDigits()
                    + " decimal places, got " + amount, ex);
        }
    }

    /**
     * @param currencyCode ISO 4217 code, e.g. {@code EUR}
     * @throws IllegalArgumentException if the code is not an ISO 4217 currency or the amount is invalid for it
     */
    public static Money of(BigDecimal amount, String currencyCode) {
        return new Money(amount, Currency.getInstance(currencyCode));
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
