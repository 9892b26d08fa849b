package io.emporium.payments.payment.provider;

import java.math.BigDecimal;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code payments.provider.*}: the simulated provider's rules (see {@link SimulatedPaymentProvider}). The defaults
 * are in {@code application.yaml}; a missing or invalid value stops the service at start-up.
 *
 * @param declineAbove amounts above this are declined (default 5000.00)
 * @param declineCustomerPrefix customer ids starting with this are declined (default {@code decline-})
 * @param declineCaptureCustomerPrefix captures for customer ids starting with this are refused (default
 *        {@code nocapture-})
 * @param latency how long every provider call takes (default 0)
 */
@ConfigurationProperties("payments.provider")
@Validated
record PaymentProviderProperties(@NotNull @PositiveOrZero BigDecimal declineAbove,
        @NotBlank String declineCustomerPrefix, @NotBlank String declineCaptureCustomerPrefix,
        @NotNull Duration latency) {

    SimulatedPaymentProvider simulated(ProviderLedger ledger) {
        return new SimulatedPaymentProvider(declineAbove, declineCustomerPrefix, declineCaptureCustomerPrefix, latency,
                ledger);
    }
}
