package io.emporium.identity.token;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenClaimsTest {

    @Test
    void aServiceScopeNamesTheServiceAsAudience() {
        assertThat(AccessTokenClaims.serviceAudience(List.of("catalog.read"))).containsExactly("catalog");
        assertThat(AccessTokenClaims.serviceAudience(List.of("catalog.read", "catalog.write", "inventory.reserve")))
                .containsExactly("catalog", "inventory");
    }

    @Test
    void scopesOfAnotherFormNameNoService() {
        assertThat(AccessTokenClaims.serviceAudience(List.of("openid", "profile", ".read", "catalog.", "x")))
                .isEmpty();
    }

    @Test
    void rolesAreTheUsersRoleAuthoritiesInLowerCase() {
        UsernamePasswordAuthenticationToken user = UsernamePasswordAuthenticationToken.authenticated("admin", null,
                AuthorityUtils.createAuthorityList("ROLE_ADMIN", "FACTOR_PASSWORD", "ROLE_CUSTOMER", "SCOPE_x"));

        assertThat(AccessTokenClaims.rolesOf(user)).containsExactly("admin", "customer");
    }
}
