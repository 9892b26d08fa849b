package io.emporium.identity.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.emporium.identity.throttle.GuessingGuard;
import io.emporium.identity.throttle.GuessingGuards;
import io.emporium.identity.token.AccessTokenClaims;
import io.emporium.identity.token.PublicClientRefreshTokenAuthenticationConverter;
import io.emporium.identity.token.PublicClientRefreshTokenAuthenticationProvider;
import io.emporium.platform.security.SecurityEvents;
import io.emporium.platform.security.SecurityProperties;
import io.emporium.platform.security.TokenChecks;
import io.emporium.platform.security.servlet.RefusalHandlers;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The three doors of the identity service, tried in this order:
 * <ol>
 * <li>the OAuth 2.0 / OpenID Connect endpoints ({@code /oauth2/*}, {@code /.well-known/*}, {@code /userinfo},
 * {@code /connect/*}): an unauthenticated user at the authorization endpoint is sent to the login form;</li>
 * <li>identity's own API ({@code /admin/**}) and the actuator: bearer access tokens issued by this server,
 * checked against its own keys, no session; {@code /admin/**} needs the admin role;</li>
 * <li>everything else, chiefly the login form ({@code /login}, with a CSRF token) and its session.</li>
 * </ol>
 * Passwords at {@code POST /login} and client secrets at the token endpoints are checked behind a throttle
 * ({@link GuessingGuards}): after repeated failures an attempt is answered 429 without being checked.
 * The platform's resource-server configuration is switched off for this service
 * ({@code emporium.security.resource-server.enabled=false}): the issuer guards itself.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Tolerance for {@code exp} and {@code nbf} between clocks (docs/adr/0003). */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private static final String[] OPEN_MANAGEMENT = { "/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus" };

    @Bean
    AuthorizationServerSettings authorizationServerSettings(
            @Value("${emporium.security.issuer-uri:http://localhost:9000}") String issuer) {
        return AuthorizationServerSettings.builder().issuer(issuer).build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http, AuthorizationServerSettings settings,
            RegisteredClientRepository clients, GuessingGuards guards) throws Exception {
        GuessingGuard clientGuard = guards.clientAuthentication();
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(Customizer.withDefaults())
                    // the storefront (public) refreshes its tokens with its client id alone
                    .clientAuthentication(clientAuthentication -> clientAuthentication
                            .authenticationConverter(
                                    new PublicClientRefreshTokenAuthenticationConverter(settings.getTokenEndpoint()))
                            .authenticationProvider(new PublicClientRefreshTokenAuthenticationProvider(clients))
                            // every outcome counts towards the client-secret throttle
                            .authenticationSuccessHandler(
                                    clientGuard.countingSuccesses(ClientAuthenticationOutcomes.success()))
                            .errorResponseHandler(clientGuard.countingFailures(ClientAuthenticationOutcomes.failure())));
        })
                // a client backing off is refused before its secret is checked (client authentication follows the
                // pre-authentication filter)
                .addFilterBefore(clientGuard.filter(), AbstractPreAuthenticatedProcessingFilter.class)
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                // the OIDC user info endpoint takes an access token
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                // whatever it accepts (a browser or the command line), the authorization endpoint sends an
                // unauthenticated user to the login form
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        PathPatternRequestMatcher.withDefaults().matcher(settings.getAuthorizationEndpoint())));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain adminApi(HttpSecurity http, JwtDecoder decoder, MeterRegistry meters,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) throws Exception {
        SecurityEvents events = new SecurityEvents(meters);
        AuthenticationEntryPoint entryPoint = RefusalHandlers.entryPoint(events, resolver);
        AccessDeniedHandler deniedHandler = RefusalHandlers.accessDeniedHandler(events, resolver);
        http.securityMatcher("/admin/**", "/actuator/**")
                .authorizeHttpRequests(authorize -> authorize.requestMatchers(OPEN_MANAGEMENT).permitAll()
                        .requestMatchers("/admin/**", "/actuator/**").hasRole("ADMIN")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(TokenChecks.authenticationConverter()))
                        .authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // bearer tokens only: no cookie rides along, so there is nothing for a forged request to use
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain loginForm(HttpSecurity http, GuessingGuards guards) throws Exception {
        GuessingGuard loginGuard = guards.loginForm();
        http.authorizeHttpRequests(authorize -> authorize.requestMatchers("/error").permitAll()
                .anyRequest().authenticated())
                // Spring Security's defaults, with every outcome counted towards the password throttle
                .formLogin(form -> form
                        .successHandler(loginGuard.countingSuccesses(new SavedRequestAwareAuthenticationSuccessHandler()))
                        .failureHandler(loginGuard.countingFailures(
                                new SimpleUrlAuthenticationFailureHandler("/login?error"))))
                // a user name backing off is refused before its password is checked
                .addFilterBefore(loginGuard.filter(), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    /**
     * Checks access tokens presented to this server (user info, {@code /admin/**}) against its own published keys,
     * without a network hop, with the same checks as every other service ({@link TokenChecks}): RS256 only, issuer,
     * expiry and not-before (30 s skew), and an audience of {@code emporium-api} or {@code identity}.
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys, AuthorizationServerSettings settings) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(TokenChecks.validator(new SecurityProperties(URI.create(settings.getIssuer()), null,
                // no key fetch timeouts: identity reads its own keys, there is no network call to bound
                List.of(AccessTokenClaims.USER_AUDIENCE), CLOCK_SKEW, Duration.ZERO, Duration.ZERO), "identity"));
        return decoder;
    }
}
