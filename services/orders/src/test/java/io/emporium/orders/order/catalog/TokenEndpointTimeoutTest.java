package io.emporium.orders.order.catalog;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Asking identity for this service's token gives up at the read timeout when identity accepts but never answers. */
class TokenEndpointTimeoutTest {

    @Test
    void aTokenEndpointThatNeverAnswersFailsAtTheReadTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ClientRegistration registration = ClientRegistration.withRegistrationId("catalog")
                    .clientId("orders-service").clientSecret("secret")
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .tokenUri("http://127.0.0.1:" + silent.getLocalPort() + "/oauth2/token").build();
            var client = CatalogClientConfiguration.tokenEndpoint(ClientHttpRequestFactoryBuilder.detect()
                    .build(HttpClientSettings.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500))));

            long start = System.nanoTime();
            assertThatThrownBy(() -> client.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)))
                    .isInstanceOf(RuntimeException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400),
                    Duration.ofSeconds(3));
        }
    }
}
