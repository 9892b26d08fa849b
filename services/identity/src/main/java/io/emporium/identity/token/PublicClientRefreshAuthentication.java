package io.emporium.identity.token;

import org.springframework.security.core.Transient;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * A public client identifying itself by {@code client_id} alone in a refresh-token request. Never stored in a
 * session ({@link Transient}).
 */
@Transient
final class PublicClientRefreshAuthentication extends OAuth2ClientAuthenticationToken {

    private static final long serialVersionUID = 1L;

    /** Not yet authenticated: only the client id the request named. */
    PublicClientRefreshAuthentication(String clientId) {
        super(clientId, ClientAuthenticationMethod.NONE, null, null);
    }

    /** Authenticated as the registered client. */
    PublicClientRefreshAuthentication(RegisteredClient client) {
        super(client, ClientAuthenticationMethod.NONE, null);
    }
}
