package io.emporium.identity.client;

import java.util.ArrayList;
import java.util.List;

import io.emporium.identity.IdentityProperties;
import io.emporium.identity.token.PublicClientRefreshTokenGenerator;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Emporium's own clients (docs/adr/0003), as registrations built from configuration. None of them is asked for
 * consent: they are first-party.
 * <ul>
 * <li>{@code storefront}: the browser app. Public (PKCE), authorization code and refresh token (single use,
 * 8 hours, with {@code offline_access}).</li>
 * <li>{@code emporium-cli}: {@code ./emporium token} and the system tests. Public (PKCE), authorization code only,
 * loopback redirect (any port, RFC 8252).</li>
 * <li>{@code orders-service}: confidential ({@code client_secret_basic}), client credentials, {@code catalog.read}.
 * Registered only when its secret is configured; the secret is stored hashed.</li>
 * </ul>
 */
final class FirstPartyClients {

    static final String STOREFRONT = "storefront";
    static final String CLI = "emporium-cli";
    static final String ORDERS_SERVICE = "orders-service";

    private final IdentityProperties properties;
    private final PasswordEncoder encoder;

    FirstPartyClients(IdentityProperties properties, PasswordEncoder encoder) {
        this.properties = properties;
        this.encoder = encoder;
    }

    /** The clients to register; {@code orders-service} only if its secret is configured. */
    List<RegisteredClient> all() {
        List<RegisteredClient> clients = new ArrayList<>(List.of(storefront(), cli()));
        String secret = properties.clients().ordersService().secret();
        if (secret != null && !secret.isBlank()) {
            clients.add(ordersService(secret));
        }
        return clients;
    }

    boolean ordersServiceConfigured() {
        String secret = properties.clients().ordersService().secret();
        return secret != null && !secret.isBlank();
    }

    private RegisteredClient storefront() {
        return RegisteredClient.withId(STOREFRONT).clientId(STOREFRONT).clientName("Emporium storefront")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri("http://localhost:8080/storefront/callback")
                .redirectUri("http://127.0.0.1:8080/storefront/callback")
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                .scope(PublicClientRefreshTokenGenerator.OFFLINE_ACCESS)
                .clientSettings(firstPartyPublicClient())
                .tokenSettings(tokens())
                .build();
    }

    private RegisteredClient cli() {
        return RegisteredClient.withId(CLI).clientId(CLI).clientName("Emporium command line")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1/callback")
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                .clientSettings(firstPartyPublicClient())
                .tokenSettings(tokens())
                .build();
    }

    private RegisteredClient ordersService(String secret) {
        return RegisteredClient.withId(ORDERS_SERVICE).clientId(ORDERS_SERVICE).clientName("Emporium orders service")
                .clientSecret(encoder.encode(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope("catalog.read")
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                .tokenSettings(tokens())
                .build();
    }

    private static ClientSettings firstPartyPublicClient() {
        return ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build();
    }

    private TokenSettings tokens() {
        return TokenSettings.builder().accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(properties.accessTokenTtl()).refreshTokenTimeToLive(properties.refreshTokenTtl())
                // every refresh returns a new refresh token and invalidates the one used
                .reuseRefreshTokens(false).build();
    }
}
