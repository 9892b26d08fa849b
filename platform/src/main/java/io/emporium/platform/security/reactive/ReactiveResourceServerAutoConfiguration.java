package io.emporium.platform.security.reactive;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;

import io.emporium.platform.security.Problems;
import io.emporium.platform.security.SecurityEvents;
import io.emporium.platform.security.SecurityProperties;
import io.emporium.platform.security.TokenChecks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.netty.channel.ChannelOption;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The reactive twin of the servlet resource-server set-up, for the gateway: the same token checks
 * ({@link TokenChecks}), the same 401/403 problems and security events. Refusals are raised as errors and answered
 * by the platform's problem handler, so they carry the trace id like every other error.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ SecurityWebFilterChain.class, ReactiveJwtDecoder.class,
        ReactiveJwtAuthenticationConverterAdapter.class })
@ConditionalOnBooleanProperty(name = "emporium.security.resource-server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SecurityProperties.class)
// here too, not only through Boot's security auto-configuration, so that @WebFluxTest slices get the same chain
@EnableWebFluxSecurity
class ReactiveResourceServerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SecurityEvents securityEvents(ObjectProvider<MeterRegistry> meters) {
        // slice tests have no registry: the global one then (a no-op without registries) keeps the code path the same
        return new SecurityEvents(meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder reactiveJwtDecoder(SecurityProperties properties,
            @Value("${spring.application.name}") String serviceName) {
        // the keys are fetched with deadlines: an issuer that does not answer costs a request 503, not a hung exchange
        HttpClient keys = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.keysConnectTimeout().toMillis())
                .responseTimeout(properties.keysReadTimeout());
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(keys)).build();
        // refreshed for unknown key ids at most once per interval (see ReactiveIssuerKeys)
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(new ReactiveIssuerKeys(client, properties.jwks(), properties.jwksRefreshMinInterval(),
                        ReactiveIssuerKeys.TIME_TO_LIVE, Clock.systemUTC()))
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(TokenChecks.validator(properties, serviceName));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain resourceServerWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
            ObjectProvider<ReactiveAccessRules> serviceRules, SecurityEvents events) {
        ServerAuthenticationEntryPoint entryPoint = (exchange, failure) -> {
            events.authenticationFailed(requestOf(exchange), failure);
            return Mono.error(Problems.of(failure));
        };
        ServerAccessDeniedHandler deniedHandler = (exchange, denied) -> exchange.getPrincipal()
                .map(principal -> principal.getName()).defaultIfEmpty("")
                .flatMap(name -> {
                    events.accessDenied(requestOf(exchange), name.isEmpty() ? null : name);
                    return Mono.error(Problems.forbidden());
                });
        List<ReactiveAccessRules> rules = serviceRules.orderedStream().toList();
        return http.authorizeExchange(exchanges -> {
            exchanges.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                    .permitAll();
            exchanges.pathMatchers("/actuator/**").hasRole("ADMIN");
            rules.forEach(rule -> rule.configure(exchanges));
            exchanges.anyExchange().authenticated();
        })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(
                                new ReactiveJwtAuthenticationConverterAdapter(TokenChecks.authenticationConverter())))
                        .authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler)
                        // every failure, including "the keys could not be fetched", goes to the entry point (which
                        // answers 503 for that one) instead of escaping as a 500
                        .authenticationFailureHandler(
                                (filterExchange, failure) -> entryPoint.commence(filterExchange.getExchange(), failure)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                // stateless bearer-token API: no session, no cookies, nothing for CSRF to ride on. Without the
                // no-op repository every request would look for a security context in a web session, and create
                // one (on Reactor's parallel scheduler) for every anonymous request
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .build();
    }

    private static SecurityEvents.Request requestOf(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return new SecurityEvents.Request(exchange.getRequest().getMethod().name(),
                exchange.getRequest().getPath().value(),
                remote != null && remote.getAddress() != null ? remote.getAddress().getHostAddress() : null);
    }
}
