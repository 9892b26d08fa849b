package io.emporium.platform.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AllNestedConditions;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.configuration.TlsProperties;
import org.springframework.cloud.netflix.eureka.config.DiscoveryClientOptionalArgsConfiguration;
import org.springframework.cloud.netflix.eureka.http.EurekaClientHttpRequestFactorySupplier;
import org.springframework.cloud.netflix.eureka.http.RestClientDiscoveryClientOptionalArgs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.http.client.support.BasicAuthenticationInterceptor;
import org.springframework.web.client.RestClient;

/**
 * Makes a service's Eureka client authenticate to the registry: every call (register, heartbeat, cancel, status,
 * registry fetch) carries HTTP Basic credentials, user {@code spring.application.name}, password
 * {@value #PASSWORD}. The registry lets that user change only its own application's instances.
 *
 * <p>The credentials go on the client's transport (Spring Cloud's documented extension point, a
 * {@link RestClientDiscoveryClientOptionalArgs} bean), not as user info in {@code eureka.client.service-url.*}: Spring
 * Cloud splits the URL's user info at every {@code ':'}, so a password holding one would silently be sent as no
 * credentials at all, other URL-special characters would need encoding, and the URL, with the secret in it, is
 * overridden by the runner and shown where service URLs are. Here the password is sent as given (UTF-8).
 *
 * <p>Without the property the client calls anonymously, the registry answers 401 and the client logs
 * {@code registration status: 401}; a warning at start-up names the property. Outside the {@code local} and
 * {@code test} profiles the platform's check of required secrets stops start-up instead.
 *
 * <p>Applies when Spring Cloud's client talks through {@code RestClient} (its default in services: no Jersey,
 * {@code eureka.client.webclient.enabled} not set).
 */
@AutoConfiguration(beforeName = "org.springframework.cloud.netflix.eureka.config.DiscoveryClientOptionalArgsConfiguration")
@ConditionalOnClass({ RestClientDiscoveryClientOptionalArgs.class, RestClient.class })
class RegistryCredentialsAutoConfiguration {

    /** The registry password of this service; the user is its application name. */
    static final String PASSWORD = "emporium.registry.password";

    private static final Logger log = LoggerFactory.getLogger(RegistryCredentialsAutoConfiguration.class);

    @Bean
    @ConditionalOnProperty(PASSWORD)
    @Conditional(RestClientTransport.class)
    RestClientDiscoveryClientOptionalArgs registryCredentials(@Value("${spring.application.name}") String user,
            @Value("${" + PASSWORD + "}") String password, EurekaClientHttpRequestFactorySupplier requests,
            ObjectProvider<RestClient.Builder> builders, TlsProperties tls)
            throws GeneralSecurityException, IOException {
        BasicAuthenticationInterceptor credentials = new BasicAuthenticationInterceptor(user, password,
                StandardCharsets.UTF_8);
        RestClientDiscoveryClientOptionalArgs args = new RestClientDiscoveryClientOptionalArgs(requests,
                () -> builders.getIfAvailable(RestClient::builder).requestInterceptor(credentials));
        // what Spring Cloud's own bean, which this one replaces, does with eureka.client.tls.*
        DiscoveryClientOptionalArgsConfiguration.setupTLS(args, tls);
        return args;
    }

    @Bean
    SmartInitializingSingleton registryPasswordCheck(Environment environment) {
        return () -> {
            boolean clientOn = environment.getProperty("eureka.client.enabled", Boolean.class, true)
                    && (environment.getProperty("eureka.client.register-with-eureka", Boolean.class, true)
                            || environment.getProperty("eureka.client.fetch-registry", Boolean.class, true));
            if (clientOn && !environment.containsProperty(PASSWORD)) {
                log.warn("{} is not set: the registry will refuse this instance (HTTP 401), so it is neither "
                        + "registered nor able to find other services", PASSWORD);
            }
        };
    }

    /** Spring Cloud's Eureka client uses RestClient: no Jersey client (or it is switched off), no WebClient. */
    static final class RestClientTransport extends AllNestedConditions {

        RestClientTransport() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @Conditional(NoJersey.class)
        static final class JerseyNotUsed {
        }

        @ConditionalOnBooleanProperty(name = "eureka.client.webclient.enabled", havingValue = false,
                matchIfMissing = true)
        static final class WebClientNotUsed {
        }
    }

    static final class NoJersey extends AnyNestedCondition {

        NoJersey() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnMissingClass("org.glassfish.jersey.client.JerseyClient")
        static final class JerseyMissing {
        }

        @ConditionalOnBooleanProperty(name = "eureka.client.jersey.enabled", havingValue = false)
        static final class JerseyOff {
        }
    }
}
