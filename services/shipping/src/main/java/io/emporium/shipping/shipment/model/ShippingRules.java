package io.emporium.shipping.shipment.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The deterministic rules that decide whether an order can be shipped, checked in this order:
 * <ol>
 * <li>more units in total than {@code parcelLimit}: "exceeds the parcel limit of 50 units" (with the configured
 * limit);</li>
 * <li>a customer id starting with {@code unshippableCustomerPrefix} (e.g. {@code unshippable-carol}):
 * "no delivery to this address".</li>
 * </ol>
 *
 * @param parcelLimit most units one parcel holds; positive
 * @param unshippableCustomerPrefix customers whose id starts with this cannot be delivered to; not blank
 */
public record ShippingRules(int parcelLimit, String unshippableCustomerPrefix) {

    public ShippingRules {
        Objects.requireNonNull(unshippableCustomerPrefix, "unshippableCustomerPrefix");
        if (parcelLimit < 1) {
            throw new IllegalArgumentException("The parcel limit must be positive, got " + parcelLimit);
        }
        if (unshippableCustomerPrefix.isBlank()) {
            throw new IllegalArgumentException("The unshippable prefix must not be blank: it would reject everyone");
        }
    }

    /** Why the parcel cannot be shipped, or empty if it can. */
    public Optional<String> rejectionOf(CustomerId customerId, List<ShipmentLine> lines) {
        long units = lines.stream().mapToLong(ShipmentLine::quantity).sum();
        if (units > parcelLimit) {
            return Optional.of("exceeds the parcel limit of " + parcelLimit + " units");
        }
        if (customerId.startsWith(unshippableCustomerPrefix)) {
            return Optional.of("no delivery to this address");
        }
        return Optional.empty();
    }
}
