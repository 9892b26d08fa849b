package io.emporium.platform.security;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, as proven by the access token: the token's subject (a user name, which is also the customer id,
 * or a client id for a service), its roles and the client it was issued to. Controllers take it as a parameter.
 */
public record Caller(String subject, Set<String> roles, @Nullable String clientId) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The caller a verified token names. */
    public static Caller of(Jwt token) {
        List<String> roles = token.getClaimAsStringList(TokenChecks.ROLES_CLAIM);
        return new Caller(token.getSubject(), roles == null ? Set.of() : Set.copyOf(roles),
                token.getClaimAsString("client_id"));
    }

    public boolean isAdmin() {
        return roles.contains("admin");
    }

    /** Whether this caller may see or act on the data of the given customer: the customer themself or an admin. */
    public boolean mayActFor(String customerId) {
        return isAdmin() || subject.equals(customerId);
    }
}
