package io.emporium.payments.payment.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in one currency, never negative, held with exactly the currency's minor-unit scale
 * ({@code 12.9 EUR} becomes {@code 12.90 EUR}); amounts with finer fractions are rejected, never rounded.
 */
public record Money(BigDecimal amount, Currency currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("An amount cannot be negative, got " + amount);
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
        Objects.requireNonNull(currencyCode, "currencyCode");
        return new Money(amount, Currency.getInstance(currencyCode));
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    /** Compares the number only, whatever the currency (the provider's limit applies to any currency). */
    public boolean exceeds(BigDecimal limit) {
        return amount.compareTo(limit) > 0;
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
