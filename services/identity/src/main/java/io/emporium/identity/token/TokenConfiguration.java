package io.emporium.identity.token;

import java.time.Clock;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.emporium.identity.key.application.SigningKeyRing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * How tokens are made: self-contained JWT access and ID tokens signed with the active key of the ring, with
 * Emporium's claims; refresh tokens as the framework makes them, plus the storefront's
 * ({@link PublicClientRefreshTokenGenerator}).
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    AccessTokenClaims accessTokenClaims(SigningKeyRing ring) {
        return new AccessTokenClaims(() -> ring.active().kid());
    }

    @Bean
    OAuth2TokenGenerator<OAuth2Token> tokenGenerator(JWKSource<SecurityContext> jwkSource, AccessTokenClaims claims,
            Clock clock) {
        JwtGenerator jwts = new JwtGenerator(new NimbusJwtEncoder(jwkSource));
        ProofOfPossession proofOfPossession = new ProofOfPossession();
        jwts.setJwtCustomizer(context -> {
            proofOfPossession.customize(context);
            claims.customize(context);
        });
        jwts.setClock(clock);
        return new DelegatingOAuth2TokenGenerator(jwts, new PublicClientRefreshTokenGenerator(clock));
    }
}
