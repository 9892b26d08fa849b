package io.emporium.identity.token;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Reads the client of a refresh-token request from a public client: {@code POST} to the token endpoint with
 * {@code grant_type=refresh_token}, one {@code client_id} and no client credentials. Client authentication also
 * runs on the introspection, revocation and other endpoints; this converter answers only at the token endpoint,
 * so a bare client id never authenticates anything else.
 */
public final class PublicClientRefreshTokenAuthenticationConverter implements AuthenticationConverter {

    private final RequestMatcher tokenEndpoint;

    /** @param tokenEndpoint path of the token endpoint, e.g. {@code /oauth2/token} */
    public PublicClientRefreshTokenAuthenticationConverter(String tokenEndpoint) {
        this.tokenEndpoint = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, tokenEndpoint);
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        if (!tokenEndpoint.matches(request)
                || !AuthorizationGrantType.REFRESH_TOKEN.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
            return null;
        }
        String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
        if (clientIds == null) {
            return null;
        }
        if (clientIds.length != 1 || clientIds[0].isBlank()) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
        }
        return new PublicClientRefreshAuthentication(clientIds[0]);
    }
}
