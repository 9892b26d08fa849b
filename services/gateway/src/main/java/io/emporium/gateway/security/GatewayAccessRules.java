package io.emporium.gateway.security;

import io.emporium.platform.security.reactive.ReactiveAccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.stereotype.Component;

/**
 * What the gateway lets through before routing (the services check again, with their finer rules): browsing the
 * catalog is public; admin operations need the admin role (403 otherwise); everything else needs a valid token
 * (401 otherwise). The caller's token travels on unchanged in {@code Authorization}, so each service sees who calls.
 */
@Component
class GatewayAccessRules implements ReactiveAccessRules {

    @Override
    public void configure(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        exchanges.pathMatchers(HttpMethod.GET, "/api/catalog/**").permitAll()
                .pathMatchers(HttpMethod.OPTIONS, "/api/**").permitAll()
                .pathMatchers("/api/*/admin/**").hasRole("ADMIN")
                .pathMatchers(HttpMethod.PUT, "/api/inventory/stock/**").hasRole("ADMIN")
                .pathMatchers("/api/inventory/reservations/**").hasRole("ADMIN")
                .pathMatchers(HttpMethod.POST, "/api/payments/*/refund").hasRole("ADMIN");
    }
}
