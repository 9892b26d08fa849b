package io.emporium.identity.token;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Identifies a public client ({@code none}: it has no secret to prove anything with) in a refresh-token request by
 * its client id. Everything else is checked next by Spring Authorization Server's refresh-token provider: that
 * the client is registered for the {@code refresh_token} grant ({@code unauthorized_client} otherwise), and that
 * the refresh token is current, unexpired, issued to this very client and, if DPoP-bound, presented with a proof
 * of the same key ({@code invalid_grant} otherwise).
 */
public final class PublicClientRefreshTokenAuthenticationProvider implements AuthenticationProvider {

    private final RegisteredClientRepository clients;

    public PublicClientRefreshTokenAuthenticationProvider(RegisteredClientRepository clients) {
        this.clients = clients;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String clientId = String.valueOf(authentication.getPrincipal());
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                    "Client authentication failed: " + OAuth2ErrorCodes.INVALID_CLIENT, null));
        }
        return new PublicClientRefreshAuthentication(client);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PublicClientRefreshAuthentication.class.isAssignableFrom(authentication);
    }
}
