package io.emporium.shipping.shipment.model;

import io.emporium.customers.api.CustomerIds;

/**
 * Who receives the parcel: a customer id as {@link CustomerIds} states it for every service (the identity service's user name). A
 * type of this service's own, so that its model cannot take any other string for a customer.
 */
public record CustomerId(String value) {

    /** @throws IllegalArgumentException if {@code value} is not a customer id (null included) */
    public CustomerId {
        if (!CustomerIds.isValid(value)) {
            throw new IllegalArgumentException("customer id must match " + CustomerIds.FORMAT + ": " + value);
        }
    }

    public boolean startsWith(String prefix) {
        return value.startsWith(prefix);
    }

    @Override
    public String toString() {
        return value;
    }
}
