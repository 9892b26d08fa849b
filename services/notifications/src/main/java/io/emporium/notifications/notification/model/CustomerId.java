package io.emporium.notifications.notification.model;

import io.emporium.customers.api.CustomerIds;

/**
 * Whom a notification is for: a customer id as {@link CustomerIds} states it for every service (the identity service's user name). A
 * type of this service's own, so that its model cannot take any other string for a customer.
 */
public record CustomerId(String value) {

    /** {@link CustomerIds#FORMAT}, for bean validation of what the service's API accepts. */
    public static final String FORMAT = CustomerIds.FORMAT;

    /** @throws IllegalArgumentException if {@code value} is not a customer id (null included) */
    public CustomerId {
        if (!CustomerIds.isValid(value)) {
            throw new IllegalArgumentException("customer id must match " + FORMAT + ": " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
