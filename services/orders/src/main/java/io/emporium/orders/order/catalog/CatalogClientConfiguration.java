package io.emporium.orders.order.catalog;

import java.time.Duration;
import java.util.function.Predicate;

import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Calls to the catalog carry this service's own client-credentials token (client {@code orders-service}, scope
 * {@code catalog.read}, so audience {@code catalog} only), never the customer's: the token is cached until shortly
 * before it expires and dropped when the catalog refuses it. Registration {@code catalog} in application.yaml.
 *
 * <p>Also what the {@code catalog} retry repeats and the {@code catalog} circuit breaker counts as a failure
 * ({@link CatalogLookups#isTransient}): that is a property of the call, kept in code; the numbers (attempts, back-off,
 * thresholds, bulkhead size) are configuration under {@code resilience4j.*.instances.catalog}.
 */
@Configuration(proxyBeanMethods = false)
class CatalogClientConfiguration {

    static final String REGISTRATION = "catalog";

    /** The one principal this service's tokens are kept under, whoever's request led to the call. */
    private static final Authentication SERVICE = new AnonymousAuthenticationToken("orders-service",
            "orders-service", AuthorityUtils.createAuthorityList("ROLE_SERVICE"));

    @Bean
    RetryConfigCustomizer catalogRetriesTransientFailuresOnly() {
        Predicate<Throwable> transientFailure = CatalogLookups::isTransient;
        return RetryConfigCustomizer.of(CatalogLookups.CATALOG, retry -> retry.retryOnException(transientFailure));
    }

    @Bean
    CircuitBreakerConfigCustomizer catalogBreakerCountsTransientFailuresOnly() {
        return CircuitBreakerConfigCustomizer.of(CatalogLookups.CATALOG,
                breaker -> breaker.recordException(CatalogLookups::isTransient));
    }

    /**
     * @param connectTimeout how long asking identity for a token may take to connect
     * @param readTimeout    how long it may wait for the token: identity hanging must not hang order placement
     */
    @Bean
    OAuth2ClientHttpRequestInterceptor catalogTokens(ClientRegistrationRepository registrations,
            @Value("${spring.http.clients.connect-timeout:1s}") Duration connectTimeout,
            @Value("${spring.http.clients.read-timeout:3s}") Duration readTimeout) {
        OAuth2AuthorizedClientService tokens = new InMemoryOAuth2AuthorizedClientService(registrations);
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, tokens);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(grant -> grant.accessTokenResponseClient(tokenEndpoint(connectTimeout, readTimeout)))
                .build());
        OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> REGISTRATION);
        interceptor.setPrincipalResolver(request -> SERVICE);
        interceptor.setAuthorizationFailureHandler(OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(tokens));
        return interceptor;
    }

    /**
     * Spring Security's own token client, with the same converters and error handling as its default, but with
     * deadlines: its default client has none.
     */
    static RestClientClientCredentialsTokenResponseClient tokenEndpoint(Duration connect, Duration read) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(connect);
        requests.setReadTimeout(read);
        RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
        client.setRestClient(RestClient.builder().requestFactory(requests)
                .configureMessageConverters(converters -> converters.registerDefaults()
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
        return client;
    }
}
