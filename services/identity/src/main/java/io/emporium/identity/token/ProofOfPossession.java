package io.emporium.identity.token;

import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Binds an access token to the client's key when the token request carried a DPoP proof (RFC 9449): the
 * {@code cnf.jkt} claim holds the SHA-256 thumbprint of the proof's public key, and the refresh of a public
 * client's token must then be proven with the same key.
 *
 * <p>Spring Authorization Server adds this claim in the token generator it assembles itself; Emporium assembles
 * its own generator (to issue refresh tokens to the storefront, see {@link PublicClientRefreshTokenGenerator}),
 * so it adds the claim here, the same way.
 */
public final class ProofOfPossession implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String CNF = "cnf";
    static final String JKT = "jkt";

    @Override
    public void customize(JwtEncodingContext context) {
        Jwt proof = context.get(OAuth2TokenContext.DPOP_PROOF_KEY);
        if (proof == null || !OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        String thumbprint;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> jwk = (Map<String, Object>) proof.getHeaders().get("jwk");
            thumbprint = JWK.parse(jwk).computeThumbprint().toString();
        }
        catch (Exception ex) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF, "jwk header is missing or invalid.", null), ex);
        }
        // a HashMap, as the framework uses: the claims are stored as typed JSON with an allow list of types
        Map<String, Object> cnf = new HashMap<>();
        cnf.put(JKT, thumbprint);
        context.getClaims().claim(CNF, cnf);
    }
}
