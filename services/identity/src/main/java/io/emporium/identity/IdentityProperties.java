package io.emporium.identity;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the identity service issues and to whom ({@code emporium.identity.*}).
 *
 * @param demoUsers       seed the DEV ONLY demo users (alice, bob, admin); only the local topology and tests set it
 * @param accessTokenTtl  lifetime of every access token; a retired signing key stays published this long plus a
 *                        minute, so that no valid token ever names a key the JWKS no longer has
 * @param refreshTokenTtl lifetime of a refresh token (storefront)
 * @param clients         per-client settings that differ between environments
 */
@ConfigurationProperties("emporium.identity")
public record IdentityProperties(boolean demoUsers, @DefaultValue("5m") Duration accessTokenTtl,
        @DefaultValue("8h") Duration refreshTokenTtl, @DefaultValue Clients clients) {

    /** @param ordersService the confidential client the orders service uses to call the catalog */
    public record Clients(@DefaultValue OrdersService ordersService) {
    }

    /**
     * @param secret the client secret; no default anywhere in the code or application.yaml: the local topology
     *               supplies a DEV ONLY value through the environment. Without it the client is not registered.
     */
    public record OrdersService(@Nullable String secret) {

        @Override
        public String toString() {
            return "OrdersService[secret=" + (secret == null ? "absent" : "******") + "]";
        }
    }
}
