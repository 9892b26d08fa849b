package io.emporium.platform.security.servlet;

import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import io.emporium.platform.security.Caller;
import io.emporium.platform.security.SecurityEvents;
import io.emporium.platform.security.SecurityProperties;
import io.emporium.platform.security.TokenChecks;
import io.emporium.platform.trace.CurrentTrace;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Makes a servlet service an OAuth 2.0 resource server that checks every token itself (zero trust: a call from the
 * gateway or another service is not trusted for where it comes from). RS256 only, so {@code alg: none} and HMAC
 * tokens are refused; the issuer's keys are read lazily, so a service starts while identity is still starting.
 * Refusals are RFC 9457 problems and security events. Off with {@code emporium.security.resource-server.enabled=false}
 * (the identity service, which guards itself).
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class, BearerTokenAuthenticationEntryPoint.class })
@ConditionalOnBooleanProperty(name = "emporium.security.resource-server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SecurityProperties.class)
// here too, not only through Boot's security auto-configuration, so that @WebMvcTest slices get the same filter chain
@EnableWebSecurity
class ServletResourceServerAutoConfiguration {

    /** Management endpoints anyone on the network may read: probes and metrics. */
    static final String[] OPEN_MANAGEMENT = { "/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/error" };

    @Bean
    @ConditionalOnMissingBean
    SecurityEvents securityEvents(ObjectProvider<MeterRegistry> meters) {
        // slice tests have no registry: the global one then (a no-op without registries) keeps the code path the same
        return new SecurityEvents(meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties, @Value("${spring.application.name}") String serviceName) {
        // the keys are fetched with deadlines (an issuer that does not answer costs a request 503, not a hung thread)
        // and refreshed for unknown key ids at most once per interval (see IssuerKeys)
        JWKSource<SecurityContext> keys = IssuerKeys.fetchedFrom(properties.jwks(), properties.keysConnectTimeout(),
                properties.keysReadTimeout(), properties.jwksRefreshMinInterval());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwks().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .jwtProcessorCustomizer(processor -> processor.setJWSKeySelector(
                        new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys)))
                .build();
        decoder.setJwtValidator(TokenChecks.validator(properties, serviceName));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain resourceServerFilterChain(HttpSecurity http, JwtDecoder decoder,
            ObjectProvider<AccessRules> serviceRules, SecurityEvents events,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) throws Exception {
        AuthenticationEntryPoint entryPoint = RefusalHandlers.entryPoint(events, exceptionResolver);
        AccessDeniedHandler deniedHandler = RefusalHandlers.accessDeniedHandler(events, exceptionResolver);
        List<AccessRules> rules = serviceRules.orderedStream().toList();
        http.authorizeHttpRequests(authorize -> {
            authorize.requestMatchers(OPEN_MANAGEMENT).permitAll();
            authorize.requestMatchers("/actuator/**").hasRole("ADMIN");
            rules.forEach(rule -> rule.configure(authorize));
            authorize.anyRequest().authenticated();
        })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(TokenChecks.authenticationConverter()))
                        .authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler)
                        // every failure, including "the keys could not be fetched", goes to the entry point (which
                        // answers 503 for that one) instead of escaping as a 500
                        .withObjectPostProcessor(RefusalHandlers.failuresTo(entryPoint)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .addFilterAfter(new CallerLogContext(), BearerTokenAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // a bearer-token API sets no cookies: there is no ambient credential for a forged request to ride on
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable());
        return http.build();
    }

    @Bean
    AccessDeniedAdvice accessDeniedAdvice(SecurityEvents events, CurrentTrace currentTrace) {
        return new AccessDeniedAdvice(events, currentTrace);
    }

    @Bean
    WebMvcConfigurer callerArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    /** Resolves a {@link Caller} controller parameter from the verified token of the request. */
    static final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Caller.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication instanceof JwtAuthenticationToken token) {
                return Caller.of(token.getToken());
            }
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
        }
    }
}
