package io.emporium.customers.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerIdsTest {

    @Test
    void identitysUserNamesAreCustomerIds() {
        assertThat(CustomerIds.isValid("alice")).isTrue();
        assertThat(CustomerIds.isValid("bob.smith_2-x")).isTrue();
        assertThat(CustomerIds.isValid("c".repeat(50))).isTrue();
    }

    @Test
    void anIdLongerThanIdentityStoresIsNotACustomerId() {
        assertThat(CustomerIds.isValid("c".repeat(51))).isFalse();
    }

    @Test
    void emptyMissingOrUnusualCharactersAreRefused() {
        assertThat(CustomerIds.isValid(null)).isFalse();
        assertThat(CustomerIds.isValid("")).isFalse();
        assertThat(CustomerIds.isValid("alice smith")).isFalse();
        assertThat(CustomerIds.isValid("alice@example.com")).isFalse();
        assertThat(CustomerIds.isValid("alice\n")).isFalse();
    }
}
