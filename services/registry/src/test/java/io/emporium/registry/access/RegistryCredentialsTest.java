package io.emporium.registry.access;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryCredentialsTest {

    /** The variables the runner gives the registry, bound as Spring Boot binds the environment. */
    private static final RegistryAccessProperties FROM_RUNNER = bind(Map.of(
            "EMPORIUM_REGISTRY_CLIENTS_ORDERS", "orders-registry-dev-only",
            "EMPORIUM_REGISTRY_CLIENTS_ORDERS_SERVICE", "orders-service-registry-dev-only",
            "EMPORIUM_REGISTRY_READERS_RUNNER", "runner-registry-dev-only",
            "EMPORIUM_REGISTRY_ADMIN_PASSWORD", "admin-registry-dev-only"));

    private final RegistryCredentials credentials = new RegistryCredentials(FROM_RUNNER);

    @Test
    void knowsEachCallerTheRunnerNamesInTheEnvironmentWithItsRole() {
        assertThat(roleOf(login("orders", "orders-registry-dev-only"))).isEqualTo(RegistryCredentials.CLIENT);
        assertThat(roleOf(login("orders-service", "orders-service-registry-dev-only")))
                .isEqualTo(RegistryCredentials.CLIENT);
        assertThat(roleOf(login("runner", "runner-registry-dev-only"))).isEqualTo(RegistryCredentials.READER);
        assertThat(roleOf(login("admin", "admin-registry-dev-only"))).isEqualTo("ROLE_ADMIN");
        assertThat(login("ORDERS", "orders-registry-dev-only").getName()).isEqualTo("orders");
    }

    @Test
    void refusesAWrongSecretAnUnknownNameAndAnotherCallersSecret() {
        for (UsernamePasswordAuthenticationToken attempt : new UsernamePasswordAuthenticationToken[] {
                attempt("orders", "orders-registry-dev-onl"), attempt("orders", ""), attempt("orders", null),
                attempt("nobody", "orders-registry-dev-only"), attempt("orders", "runner-registry-dev-only") }) {
            assertThatThrownBy(() -> credentials.authenticate(attempt)).isInstanceOf(BadCredentialsException.class)
                    .hasMessageNotContaining("dev-only");
        }
    }

    @Test
    void refusesToStartWithABlankSecretOrANameGivenTwice() {
        assertThatThrownBy(() -> new RegistryCredentials(new RegistryAccessProperties(Map.of("orders", " "),
                Map.of(), null))).hasMessage("emporium.registry.clients.orders is blank: give it a secret or remove it");
        assertThatThrownBy(() -> new RegistryCredentials(new RegistryAccessProperties(Map.of("runner", "a"),
                Map.of("runner", "b"), null))).hasMessageContaining("'runner' already has registry credentials");
        assertThatThrownBy(() -> new RegistryCredentials(new RegistryAccessProperties(Map.of("admin", "a"),
                Map.of(), "b"))).hasMessageContaining("'admin' already has registry credentials");
    }

    private Authentication login(String name, String secret) {
        return credentials.authenticate(attempt(name, secret));
    }

    private static UsernamePasswordAuthenticationToken attempt(String name, String secret) {
        return UsernamePasswordAuthenticationToken.unauthenticated(name, secret);
    }

    private static String roleOf(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).findFirst().orElseThrow();
    }

    private static RegistryAccessProperties bind(Map<String, Object> environment) {
        return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
                .bindOrCreate("emporium.registry", RegistryAccessProperties.class);
    }
}
