package io.emporium.registryclient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A minimal platform service with Spring Cloud's Eureka client, as every Emporium service has them, started in the
 * test JVM against a registry under test. Outside the registry's package, so that the registry does not scan it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class RegisteringService {

    /**
     * Starts {@code name} on a random port, registering with the registry on {@code registryPort} as
     * {@code instanceId}, with the given registry password ({@code null}: none). The registry's own
     * application.yaml is not read ({@code spring.config.name}); only the platform's defaults and these apply.
     */
    public static ConfigurableApplicationContext start(String name, String instanceId, int registryPort,
            String password) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--spring.config.name=registering-service", "--spring.application.name=" + name,
                "--server.port=0", "--server.shutdown=immediate", "--emporium.instance-id=" + instanceId,
                "--eureka.client.service-url.defaultZone=http://127.0.0.1:" + registryPort + "/eureka/",
                // the registry's classpath has Jersey (for the server); services have none and use RestClient
                "--eureka.client.jersey.enabled=false",
                "--eureka.client.initial-instance-info-replication-interval-seconds=1",
                "--eureka.client.registry-fetch-interval-seconds=1"));
        if (password != null) {
            args.add("--emporium.registry.password=" + password);
        }
        return new SpringApplicationBuilder(RegisteringService.class).run(args.toArray(String[]::new));
    }
}
