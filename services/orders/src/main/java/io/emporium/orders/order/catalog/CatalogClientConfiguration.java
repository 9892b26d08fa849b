package io.emporium.orders.order.catalog;

import java.util.function.Predicate;

import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
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
     * @param requestFactories Boot's HTTP client factory, with {@code httpDefaults} ({@code spring.http.clients.*}:
     *                         connect and read timeouts), so that identity hanging cannot hang order placement
     */
    @Bean
    OAuth2ClientHttpRequestInterceptor catalogTokens(ClientRegistrationRepository registrations,
            ClientHttpRequestFactoryBuilder<?> requestFactories, HttpClientSettings httpDefaults) {
        OAuth2AuthorizedClientService tokens = new InMemoryOAuth2AuthorizedClientService(registrations);
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, tokens);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(grant -> grant.accessTokenResponseClient(
                        tokenEndpoint(requestFactories.build(httpDefaults))))
                .build());
        OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> REGISTRATION);
        interceptor.setPrincipalResolver(request -> SERVICE);
        interceptor.setAuthorizationFailureHandler(OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(tokens));
        return interceptor;
    }

    /**
     * Spring Security's own token client, with the same converters and error handling as its default, but sending
     * through {@code requests}, which has deadlines: its default client has none.
     */
    static RestClientClientCredentialsTokenResponseClient tokenEndpoint(ClientHttpRequestFactory requests) {
        RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
        client.setRestClient(RestClient.builder().requestFactory(requests)
                .configureMessageConverters(converters -> converters.registerDefaults()
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
        return client;
    }
}
