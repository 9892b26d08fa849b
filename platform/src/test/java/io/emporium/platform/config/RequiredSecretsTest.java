package io.emporium.platform.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Outside the local and test profiles a service with a database, a registration with Eureka or secrets of its own
 * does not start without them, and says in one paragraph which property is missing and how to supply it; under the
 * local profile the DEV-ONLY fallbacks are fine. (Spring Cloud's Eureka client is not on the platform's classpath:
 * the registry password is checked on an environment directly.)
 */
@ExtendWith(OutputCaptureExtension.class)
class RequiredSecretsTest {

    private static final String DATABASE = "spring.datasource.url=jdbc:postgresql://127.0.0.1:5433/orders";

    @Test
    void withoutAProfileAMissingDatabasePasswordStopsStartUpNamingItAndHowToSupplyIt(CapturedOutput output) {
        assertThatThrownBy(() -> start(List.of(), DATABASE))
                .isInstanceOf(MissingSecretsException.class)
                .hasMessageContaining("spring.datasource.password is not set")
                .hasMessageNotContaining("s3cret");

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("spring.datasource.password is not set")
                .contains("SPRING_DATASOURCE_PASSWORD")
                .contains("SPRING_PROFILES_ACTIVE=local")
                .doesNotContain("Application run failed");
    }

    @Test
    void aDevOnlyValueOutsideTheLocalProfileIsRefusedLikeAMissingOne(CapturedOutput output) {
        assertThatThrownBy(() -> start(List.of("production"), DATABASE, "spring.datasource.password=orders-dev-only"))
                .isInstanceOf(MissingSecretsException.class)
                .hasMessageContaining("spring.datasource.password is a DEV-ONLY value");

        assertThat(output).contains("active profiles production").doesNotContain("orders-dev-only");
    }

    @Test
    void aServicesOwnSecretThatRefersToNothingIsMissing() {
        assertThatThrownBy(() -> start(List.of(),
                "emporium.secrets.required=spring.security.oauth2.client.registration.catalog.client-secret",
                "spring.security.oauth2.client.registration.catalog.client-secret=${emporium.security.client-secret}"))
                .isInstanceOf(MissingSecretsException.class)
                .hasMessageContaining("spring.security.oauth2.client.registration.catalog.client-secret is not set");
    }

    @Test
    void theRegistryPasswordIsNeededOnlyByServicesThatRegisterWithEureka() {
        RequiredSecrets withEurekaClient = new RequiredSecrets(true);

        assertThatThrownBy(() -> withEurekaClient.postProcessEnvironment(environment(), new SpringApplication()))
                .hasMessageContaining("emporium.registry.password is not set");
        assertThatThrownBy(() -> withEurekaClient.postProcessEnvironment(
                environment("emporium.registry.password", "registry-dev-only"), new SpringApplication()))
                .hasMessageContaining("emporium.registry.password is a DEV-ONLY value");
        withEurekaClient.postProcessEnvironment(environment("emporium.registry.password", "s3cret"),
                new SpringApplication());
        withEurekaClient.postProcessEnvironment(environment("eureka.client.register-with-eureka", "false"),
                new SpringApplication());
        withEurekaClient.postProcessEnvironment(environment("eureka.client.enabled", "false"), new SpringApplication());
        new RequiredSecrets(false).postProcessEnvironment(environment(), new SpringApplication());
    }

    @Test
    void underTheLocalProfileTheDevOnlyFallbacksAreFine() {
        try (ConfigurableApplicationContext started = start(List.of("local"), DATABASE)) {
            assertThat(started.isActive()).isTrue();
        }
    }

    @Test
    void withEverySecretSuppliedAServiceStartsWithoutAProfile() {
        try (ConfigurableApplicationContext started = start(List.of(), DATABASE, "spring.datasource.password=s3cret")) {
            assertThat(started.isActive()).isTrue();
        }
    }

    /** A context with the platform's environment post-processors and nothing else (no auto-configuration). */
    private static ConfigurableApplicationContext start(List<String> profiles, String... properties) {
        List<String> all = new ArrayList<>(List.of(properties));
        // what production gets without a profile (platform-test makes "test" the default profile of every test)
        all.add("spring.profiles.default=default");
        all.add("spring.application.name=secrets-test");
        return new SpringApplicationBuilder(Minimal.class).web(WebApplicationType.NONE)
                .profiles(profiles.toArray(String[]::new)).properties(all.toArray(String[]::new)).run();
    }

    private static StandardEnvironment environment(String... properties) {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("test", values));
        return environment;
    }

    @SpringBootConfiguration
    static class Minimal {
    }
}
