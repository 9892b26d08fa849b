package io.emporium.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the platform's service defaults ({@code emporium-defaults.properties}) at the lowest precedence, and
 * derives the few values that depend on the environment.
 *
 * <ul>
 * <li>{@code emporium.instance-id}: taken from {@code EMPORIUM_INSTANCE_ID} (the runner sets {@code catalog-1}),
 * otherwise {@code <application>-<8 random hex>}, computed once so every use sees the same id.</li>
 * <li>Zipkin export is on only when a Zipkin endpoint is configured; without one, nothing tries to reach a
 * Zipkin that is not there.</li>
 * </ul>
 */
class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String DEFAULTS_SOURCE = "emporiumPlatformDefaults";
    static final String DERIVED_SOURCE = "emporiumPlatformDerived";
    static final String ZIPKIN_ENDPOINT = "management.tracing.export.zipkin.endpoint";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(loadDefaults());
        Map<String, Object> derived = new HashMap<>();
        if (!environment.containsProperty("emporium.instance-id")) {
            String name = environment.getProperty("spring.application.name", "service");
            derived.put("emporium.instance-id", name + "-" + UUID.randomUUID().toString().substring(0, 8));
        }
        if (!environment.containsProperty("management.tracing.export.zipkin.enabled")) {
            derived.put("management.tracing.export.zipkin.enabled", environment.containsProperty(ZIPKIN_ENDPOINT));
        }
        environment.getPropertySources().addBefore(DEFAULTS_SOURCE, new MapPropertySource(DERIVED_SOURCE, derived));
    }

    private static ResourcePropertySource loadDefaults() {
        try {
            return new ResourcePropertySource(DEFAULTS_SOURCE, new ClassPathResource("emporium-defaults.properties"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("platform defaults are missing from the classpath", ex);
        }
    }
}
