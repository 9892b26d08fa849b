package io.emporium.identity.token;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The claims of Emporium's tokens (docs/adr/0003), added to what Spring Authorization Server puts in
 * ({@code iss}, {@code sub}, {@code iat}, {@code nbf}, {@code exp}, {@code jti}, {@code scope}):
 * <ul>
 * <li>header {@code kid}: the active signing key, for every token (the encoder picks its key by it);</li>
 * <li>access tokens: {@code roles}, {@code client_id} and {@code aud}. A user's token is for the whole API
 * ({@code aud = ["emporium-api"]}, {@code roles} from the user's {@code ROLE_*} authorities, lower case). A service's
 * token (client credentials) is for the services its scopes name ({@code catalog.read} gives
 * {@code aud = ["catalog"]}) and has {@code roles = ["service"]};</li>
 * <li>ID tokens keep the defaults ({@code aud} = the client) and get {@code roles} too.</li>
 * </ul>
 * Claim values are mutable JDK collections: the authorization service stores the claims as typed JSON and reads
 * back only types on its allow list, which the immutable {@code List.of} implementations are not.
 */
public final class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    public static final String ROLES = "roles";
    public static final String CLIENT_ID = "client_id";
    /** Audience of every user token: any Emporium API, each of which checks the roles. */
    public static final String USER_AUDIENCE = "emporium-api";
    public static final String SERVICE_ROLE = "service";

    private static final String ROLE_PREFIX = "ROLE_";

    private final Supplier<String> activeKid;

    /** @param activeKid the id of the key that signs now */
    public AccessTokenClaims(Supplier<String> activeKid) {
        this.activeKid = activeKid;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        context.getJwsHeader().keyId(activeKid.get());
        boolean service = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
        List<String> roles = service ? List.of(SERVICE_ROLE) : rolesOf(context.getPrincipal());
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            List<String> audience = service ? serviceAudience(context.getAuthorizedScopes()) : List.of(USER_AUDIENCE);
            context.getClaims().claims(claims -> {
                if (audience.isEmpty()) {
                    // no <service>.<permission> scope was granted: the token is good for no service
                    claims.remove(JwtClaimNames.AUD);
                }
                else {
                    claims.put(JwtClaimNames.AUD, new ArrayList<>(audience));
                }
                claims.put(ROLES, new ArrayList<>(roles));
                claims.put(CLIENT_ID, context.getRegisteredClient().getClientId());
            });
        }
        else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            context.getClaims().claim(ROLES, new ArrayList<>(roles));
        }
    }

    /** The user's roles: {@code ROLE_CUSTOMER} becomes {@code customer}; other authorities are left out. */
    static List<String> rolesOf(Authentication user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()).toLowerCase(Locale.ROOT))
                .distinct().sorted().toList();
    }

    /**
     * The services named by scopes of the form {@code <service>.<permission>}, sorted: {@code catalog.read} names
     * {@code catalog}. Other scopes name no service.
     */
    static List<String> serviceAudience(Collection<String> scopes) {
        Set<String> services = new TreeSet<>();
        for (String scope : scopes) {
            int dot = scope.indexOf('.');
            if (dot > 0 && dot < scope.length() - 1) {
                services.add(scope.substring(0, dot));
            }
        }
        return List.copyOf(services);
    }
}
