package io.emporium.gateway.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class InternalPathGuardTest {

    @ParameterizedTest
    @ValueSource(strings = { "/api/catalog/actuator", "/api/catalog/actuator/env", "/api/catalog/Actuator/health",
            "/api/catalog/../../actuator/env", "/api/catalog/%2e%2e/%2E%2E/actuator/env", "/api/catalog/..%2factuator",
            "/api/catalog/.", "/api/catalog/products/1;jsessionid=x", "/api/catalog/..%5cactuator" })
    void refusesInternalOrAmbiguousPaths(String path) {
        assertThat(InternalPathGuard.isInternalOrAmbiguous(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/catalog/products", "/api/catalog/products/42", "/api/catalog/products/sku/SKU-000001",
            "/api/catalog/products.json", "/api/catalog/actuators-of-doom" })
    void letsOrdinaryPathsThrough(String path) {
        assertThat(InternalPathGuard.isInternalOrAmbiguous(path)).isFalse();
    }
}
