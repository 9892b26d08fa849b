package io.emporium.identity.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens as Spring Authorization Server makes them, plus one case it leaves out on purpose: a
 * <em>public</em> client that is registered for the {@code refresh_token} grant and was granted
 * {@code offline_access} gets a refresh token with its authorization code (in Emporium: the storefront).
 *
 * <p>Spring Authorization Server issues no refresh token to public clients by default, and documents this
 * generator, together with client authentication for the refresh request
 * ({@link PublicClientRefreshTokenAuthenticationConverter}, {@link PublicClientRefreshTokenAuthenticationProvider}),
 * as the way to allow it (spring-authorization-server gh-1430, {@code OAuth2RefreshTokenGrantTests}). What keeps
 * it safe enough for a browser app: the refresh token is single use (the client's token settings turn off
 * reuse, so each refresh returns a new one and the old one stops working), bound to the client, and lives
 * 8 hours; a client that sends a DPoP proof gets its tokens bound to its key, and must prove that key to refresh.
 */
public final class PublicClientRefreshTokenGenerator implements OAuth2TokenGenerator<OAuth2RefreshToken> {

    /** The OpenID Connect scope by which a client asks for a refresh token (OIDC Core, section 11). */
    public static final String OFFLINE_ACCESS = "offline_access";

    private final OAuth2RefreshTokenGenerator standard = new OAuth2RefreshTokenGenerator();
    private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);
    private final Clock clock;

    public PublicClientRefreshTokenGenerator(Clock clock) {
        this.clock = clock;
        standard.setClock(clock);
    }

    @Override
    public @Nullable OAuth2RefreshToken generate(OAuth2TokenContext context) {
        OAuth2RefreshToken token = standard.generate(context);
        if (token != null || !OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
                || !isRefreshingPublicClient(context.getRegisteredClient())
                || !context.getAuthorizedScopes().contains(OFFLINE_ACCESS)) {
            return token;
        }
        Instant issuedAt = clock.instant();
        return new OAuth2RefreshToken(values.generateKey(), issuedAt,
                issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive()));
    }

    /** A public client (no secret) that is registered for the refresh_token grant. */
    static boolean isRefreshingPublicClient(RegisteredClient client) {
        return client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                && client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN);
    }
}
