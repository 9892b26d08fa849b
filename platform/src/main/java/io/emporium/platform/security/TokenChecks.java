package io.emporium.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * The checks every Emporium resource server (servlet or reactive) applies to an access token after its RS256
 * signature is verified, and how its claims become authorities. One place, so that the gateway and every service
 * agree on what a valid token is.
 */
public final class TokenChecks {

    /** Claim carrying the caller's roles ({@code customer}, {@code admin}, {@code service}). */
    public static final String ROLES_CLAIM = "roles";

    private TokenChecks() {
    }

    /**
     * Expiry and not-before (both required to be sane, {@code exp} required to be present), the issuer, and an
     * audience that is either one of {@code properties.audiences()} or this service's own name.
     */
    public static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties, String serviceName) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false);
        List<String> accepted = new ArrayList<>(properties.audiences());
        accepted.add(serviceName);
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.stream().anyMatch(accepted::contains));
        return new DelegatingOAuth2TokenValidator<>(timestamps,
                new JwtIssuerValidator(properties.issuerUri().toString()), audience);
    }

    /** {@code roles: [admin]} becomes {@code ROLE_ADMIN}, {@code scope: catalog.read} becomes {@code SCOPE_catalog.read}. */
    public static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        List<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
        if (roles != null) {
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT))));
        }
        Object scope = jwt.getClaims().get("scope");
        Collection<?> scopes = scope instanceof Collection<?> list ? list
                : scope instanceof String text ? List.of(text.split(" ")) : List.of();
        scopes.stream().map(String::valueOf).filter(s -> !s.isBlank())
                .forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
        return authorities;
    }

    public static JwtAuthenticationConverter authenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(TokenChecks::authorities);
        return converter;
    }
}
