package io.emporium.gateway;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ReflectionUtils;

/**
 * Points the gateway under test at the {@link Downstreams} its test class declares in a static field, so that a test
 * needs no {@code @DynamicPropertySource} for them (registered in this module's test {@code META-INF/spring.factories}).
 */
final class DownstreamsContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        List<Downstreams> declared = new ArrayList<>();
        ReflectionUtils.doWithFields(testClass, field -> {
            ReflectionUtils.makeAccessible(field);
            declared.add((Downstreams) ReflectionUtils.getField(field, null));
        }, field -> Modifier.isStatic(field.getModifiers()) && field.getType() == Downstreams.class);
        return declared.isEmpty() ? null : new Customizer(List.copyOf(declared));
    }

    /** A record: the same stubs make the same context cache key (each test class starts its own). */
    record Customizer(List<Downstreams> downstreams) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Map<String, Object> properties = new LinkedHashMap<>();
            // the stubs are running already: their addresses are known now
            downstreams.forEach(stubs -> stubs.registerWith((name, value) -> properties.put(name, value.get())));
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("downstreams", properties));
        }
    }
}
