package io.emporium.shipping.shipment;

import io.emporium.shipping.shipment.model.ShippingRules;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code shipping.*}: the rejection rules (see {@link ShippingRules}). The defaults are in {@code application.yaml};
 * a missing or invalid value stops the service at start-up.
 *
 * @param parcelLimit most units one order may ship (default 50)
 * @param unshippableCustomerPrefix customer ids starting with this cannot be delivered to (default
 *     {@code unshippable-})
 */
@ConfigurationProperties("shipping")
@Validated
record ShippingProperties(@Positive int parcelLimit, @NotBlank String unshippableCustomerPrefix) {

    ShippingRules rules() {
        return new ShippingRules(parcelLimit, unshippableCustomerPrefix);
    }
}
