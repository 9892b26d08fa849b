package io.emporium.platform.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.util.ClassUtils;

/**
 * Stops start-up, before anything connects anywhere, when a secret is missing or is a DEV-ONLY value outside the
 * profiles that may use them ({@code emporium.secrets.dev-profiles}, default {@code local} (the runner) and
 * {@code test}). The DEV-ONLY fallbacks in the services' {@code application.yaml} live in documents for those
 * profiles only, so anywhere else the secret must come from the deployment (an environment variable from its secret
 * store, for instance). {@link MissingSecretsFailureAnalyzer} turns the refusal into one paragraph naming each
 * property and how to supply it.
 *
 * <p>The secrets checked:
 * <ul>
 * <li>{@code spring.datasource.password}, in services with a database ({@code spring.datasource.url} set);</li>
 * <li>{@code emporium.registry.password}, in services that register with Eureka (Spring Cloud's client is present and
 * neither
 * {@code eureka.client.enabled} nor {@code eureka.client.register-with-eureka} nor
 * {@code spring.cloud.discovery.enabled} is {@code false});</li>
 * <li>every property a service names in {@code emporium.secrets.required} (orders: its client secret; identity: its
 * clients' secrets).</li>
 * </ul>
 * A secret is unusable when it is absent, blank, refers to a property that is absent, or ends in
 * {@value #DEV_ONLY_SUFFIX} (every DEV-ONLY value in this repository does).
 */
class RequiredSecrets implements EnvironmentPostProcessor, Ordered {

    static final String DEV_PROFILES = "emporium.secrets.dev-profiles";
    static final String REQUIRED = "emporium.secrets.required";
    static final String DEV_ONLY_SUFFIX = "-dev-only";
    static final String REGISTRY_PASSWORD = "emporium.registry.password";
    /** Spring Cloud's Eureka client, which registers (Netflix's classes alone, as in the platform, do not). */
    private static final String EUREKA_CLIENT = "org.springframework.cloud.netflix.eureka.CloudEurekaClient";

    private final boolean eurekaClientPresent;

    RequiredSecrets() {
        this(ClassUtils.isPresent(EUREKA_CLIENT, RequiredSecrets.class.getClassLoader()));
    }

    RequiredSecrets(boolean eurekaClientPresent) {
        this.eurekaClientPresent = eurekaClientPresent;
    }

    /** Last: after the configuration files (and their profile documents) have been read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        List<String> devProfiles = binder.bind(DEV_PROFILES, Bindable.listOf(String.class))
                .orElse(List.of("local", "test"));
        if (environment.acceptsProfiles(Profiles.of(devProfiles.toArray(String[]::new)))) {
            return;
        }
        Set<String> required = new LinkedHashSet<>();
        if (environment.containsProperty("spring.datasource.url")) {
            required.add("spring.datasource.password");
        }
        if (registersWithEureka(environment)) {
            required.add(REGISTRY_PASSWORD);
        }
        required.addAll(binder.bind(REQUIRED, Bindable.listOf(String.class)).orElse(List.of()));
        List<MissingSecretsException.Secret> unusable = new ArrayList<>();
        for (String name : required) {
            String value = valueOf(environment, name);
            if (value == null || value.isBlank()) {
                unusable.add(new MissingSecretsException.Secret(name, false));
            }
            else if (value.endsWith(DEV_ONLY_SUFFIX)) {
                unusable.add(new MissingSecretsException.Secret(name, true));
            }
        }
        if (!unusable.isEmpty()) {
            throw new MissingSecretsException(unusable, devProfiles, Arrays.asList(environment.getActiveProfiles()));
        }
    }

    private static @Nullable String valueOf(ConfigurableEnvironment environment, String name) {
        try {
            return environment.getProperty(name);
        }
        catch (IllegalArgumentException unresolvable) {
            // ${some.property} that nothing sets: as missing as a value can be
            return null;
        }
    }

    private boolean registersWithEureka(ConfigurableEnvironment environment) {
        return eurekaClientPresent
                && enabled(environment, "eureka.client.enabled")
                && enabled(environment, "eureka.client.register-with-eureka")
                && enabled(environment, "spring.cloud.discovery.enabled");
    }

    private static boolean enabled(ConfigurableEnvironment environment, String flag) {
        return !"false".equals(environment.getProperty(flag, "true").trim().toLowerCase(Locale.ROOT));
    }
}
