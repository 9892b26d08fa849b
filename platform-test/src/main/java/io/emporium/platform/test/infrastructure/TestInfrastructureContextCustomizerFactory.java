package io.emporium.platform.test.infrastructure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.emporium.platform.test.kafka.TestKafka;
import io.emporium.platform.test.postgres.PostgresTestDatabase;
import io.emporium.platform.test.security.TestIssuer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Applies {@link TestInfrastructure} (registered in {@code META-INF/spring.factories}): its properties go first in the
 * context's environment, as {@code @DynamicPropertySource} properties do, and are read lazily (the database or the
 * broker starts when the context first asks for it).
 */
final class TestInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        TestInfrastructure wanted = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                TestInfrastructure.class);
        return wanted == null ? null : new Customizer(wanted.database(), wanted.kafka(), wanted.issuer());
    }

    /** A record, so that equal infrastructure means an equal context cache key. */
    record Customizer(String database, boolean kafka, boolean issuer) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Map<String, Supplier<Object>> properties = new LinkedHashMap<>();
            DynamicPropertyRegistry registry = properties::put;
            if (!database.isEmpty()) {
                PostgresTestDatabase.shared(database).registerWith(registry);
            }
            if (kafka) {
                TestKafka.registerWith(registry);
            }
            if (issuer) {
                TestIssuer.shared().registerWith(registry);
            }
            context.getEnvironment().getPropertySources().addFirst(new SuppliedProperties(properties));
        }
    }

    /** Properties whose values are computed when read. */
    private static final class SuppliedProperties extends EnumerablePropertySource<Map<String, Supplier<Object>>> {

        SuppliedProperties(Map<String, Supplier<Object>> properties) {
            super("emporiumTestInfrastructure", properties);
        }

        @Override
        public String[] getPropertyNames() {
            return getSource().keySet().toArray(String[]::new);
        }

        @Override
        public @Nullable Object getProperty(String name) {
            Supplier<Object> value = getSource().get(name);
            return value == null ? null : value.get();
        }
    }
}
