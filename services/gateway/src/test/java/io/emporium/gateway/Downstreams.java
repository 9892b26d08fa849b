package io.emporium.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The services behind the gateway under test: stub servers, each the next instance of a named service. Declared as a
 * static {@code @RegisterExtension} field before the stubs it starts; the gateway under test finds them there
 * ({@link DownstreamsContextCustomizerFactory} calls {@link #registerWith}); every stub is stopped after the test
 * class.
 */
public final class Downstreams implements AfterAllCallback {

    /** A stub server standing in for one instance of a service. */
    public interface Instance {

        String uri();

        void stop();
    }

    private final Map<String, List<Instance>> services = new LinkedHashMap<>();

    /** Starts a {@link ScriptedService} as the next instance of {@code service}. */
    public ScriptedService scripted(String service) {
        return add(ScriptedService.start(), service);
    }

    /** Starts a {@link RecordingService} as the next instance of {@code service}. */
    public RecordingService recording(String service) {
        return add(RecordingService.start(), service);
    }

    /** Adds a started stub as the next instance of each of {@code services}. */
    public <T extends Instance> T add(T instance, String... services) {
        for (String service : services) {
            this.services.computeIfAbsent(service, name -> new ArrayList<>()).add(instance);
        }
        return instance;
    }

    /**
     * Registers every instance with the gateway's simple discovery
     * ({@code spring.cloud.discovery.client.simple.instances.<service>[i].uri}, in the order added), and the shared
     * {@link TestIssuer} as the issuer of the tokens it accepts.
     */
    public void registerWith(DynamicPropertyRegistry registry) {
        services.forEach((service, instances) -> {
            for (int i = 0; i < instances.size(); i++) {
                Instance instance = instances.get(i);
                registry.add("spring.cloud.discovery.client.simple.instances." + service + "[" + i + "].uri",
                        instance::uri);
            }
        });
        TestIssuer.shared().registerWith(registry);
    }

    /** Stops every stub, once however many services it stands in for. */
    @Override
    public void afterAll(ExtensionContext context) {
        services.values().stream().flatMap(List::stream).distinct().forEach(Instance::stop);
    }
}
