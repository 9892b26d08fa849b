package io.emporium.platform.test.profile;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every application context a test starts (this module is on the test classpath of the platform and of every
 * service) runs under the {@code test} profile unless it names its profiles: the DEV-ONLY fallbacks of the services'
 * {@code application.yaml} (database passwords) apply under {@code local} and {@code test} only, and outside them
 * start-up stops for want of secrets. A test that wants what production gets without a profile sets
 * {@code spring.profiles.default=default}; one that sets {@code spring.profiles.active} (or uses
 * {@code @ActiveProfiles}) gets exactly those profiles.
 */
public final class TestProfileByDefault implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULT_PROFILES = "spring.profiles.default";

    /** Before Boot reads the configuration files, which is when the profiles are decided. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.containsProperty(DEFAULT_PROFILES)) {
            environment.getPropertySources()
                    .addLast(new MapPropertySource("emporiumTestProfileByDefault", Map.of(DEFAULT_PROFILES, "test")));
        }
    }
}
