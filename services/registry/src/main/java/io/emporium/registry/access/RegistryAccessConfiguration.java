package io.emporium.registry.access;

import io.emporium.platform.security.SecurityEvents;
import io.emporium.platform.security.TokenChecks;
import io.emporium.platform.security.servlet.RefusalHandlers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Who may do what at the registry. Replaces the platform's bearer-only filter chain (its token decoder and security
 * events are reused), because the Eureka clients of the services authenticate with HTTP Basic:
 * <ul>
 * <li>{@code GET /eureka/**} (applications, deltas, VIPs, instances): any registry client, reader or admin;</li>
 * <li>{@code POST/PUT/DELETE /eureka/apps/{APP}/**} (register, heartbeat, status, metadata, cancel): only the
 * client named like the application ({@link OwnApplication});</li>
 * <li>any other {@code /eureka/**} (peer replication, AWS auto-scaling groups): nobody, there are no peers;</li>
 * <li>{@code /actuator/health}, its liveness and readiness groups, {@code /actuator/info} and
 * {@code /actuator/prometheus}: anyone (health shows only the status to them);</li>
 * <li>everything else, chiefly the dashboard ({@code /}, {@code /lastn}) and the other management endpoints
 * ({@code chaos}, {@code loggers}, ...): an admin, as HTTP Basic user {@code admin} or with an identity access token
 * whose roles include {@code admin} (what {@code ./emporium chaos} and {@code ./emporium loglevel} send).</li>
 * </ul>
 * Anonymous callers get 401 everywhere but the open endpoints. Stateless and without CSRF protection: no session or
 * cookie is ever issued, and a browser's remembered Basic credentials (an admin's) cannot write anything.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryAccessProperties.class)
class RegistryAccessConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RegistryAccessConfiguration.class);

    /** Open like every service's probes and metrics (Prometheus scrapes the registry without credentials). */
    private static final String[] OPEN = { "/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness", "/actuator/info", "/actuator/prometheus", "/error" };

    private static final String APPLICATION = "/eureka/apps/{" + OwnApplication.VARIABLE + "}/**";

    @Bean
    SecurityFilterChain registryFilterChain(HttpSecurity http, RegistryAccessProperties properties, JwtDecoder decoder,
            SecurityEvents events, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver)
            throws Exception {
        RegistryCredentials credentials = new RegistryCredentials(properties);
        log.info("Registry access: service clients {}, readers {}, admin password {}",
                properties.clients().keySet(), properties.readers().keySet(),
                properties.adminPassword() != null ? "set" : "not set");
        AuthenticationEntryPoint entryPoint = RegistryRefusals.entryPoint(events, resolver);
        AccessDeniedHandler deniedHandler = RegistryRefusals.accessDeniedHandler(events, resolver);
        OwnApplication ownApplication = new OwnApplication();
        http.authorizeHttpRequests(authorize -> authorize
                .requestMatchers(OPEN).permitAll()
                .requestMatchers(HttpMethod.GET, "/eureka/**")
                        .hasAnyAuthority(RegistryCredentials.CLIENT, RegistryCredentials.READER, "ROLE_ADMIN")
                .requestMatchers(HttpMethod.POST, APPLICATION).access(ownApplication)
                .requestMatchers(HttpMethod.PUT, APPLICATION).access(ownApplication)
                .requestMatchers(HttpMethod.DELETE, APPLICATION).access(ownApplication)
                .requestMatchers("/eureka/**").denyAll()
                .anyRequest().hasRole("ADMIN"))
                .authenticationProvider(credentials)
                .httpBasic(basic -> basic.realmName(RegistryRefusals.REALM).authenticationEntryPoint(entryPoint))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(TokenChecks.authenticationConverter()))
                        .authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler)
                        .withObjectPostProcessor(RefusalHandlers.failuresTo(entryPoint)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable());
        return http.build();
    }
}
