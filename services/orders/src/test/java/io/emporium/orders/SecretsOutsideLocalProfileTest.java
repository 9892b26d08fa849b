package io.emporium.orders;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * This service's configuration has DEV-ONLY secrets for the local and test profiles only: started without a profile
 * and without secrets from the environment, it stops before connecting anywhere, naming each missing secret.
 */
class SecretsOutsideLocalProfileTest {

    @Test
    void withoutAProfileTheServiceDoesNotStartWithoutItsSecrets() {
        SpringApplicationBuilder orders = new SpringApplicationBuilder(OrdersApplication.class)
                .web(WebApplicationType.NONE)
                // what production gets without a profile (platform-test makes "test" the default profile of tests)
                .properties("spring.profiles.default=default");

        assertThatThrownBy(() -> orders.run().close())
                .hasMessageContaining("spring.datasource.password is not set")
                .hasMessageContaining("emporium.security.client-secret is not set")
                .hasMessageContaining("emporium.registry.password is not set")
                .hasMessageNotContaining("orders-dev-only");
    }
}
