package io.emporium.inventory.stock.web;

import io.emporium.platform.security.servlet.AccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call the inventory API, decided here whatever the gateway let through (docs/adr/0003). Stock changes and
 * orders' reservations are for administrators; reading stock needs only a valid token, which the platform demands
 * of every other request.
 */
@Component
class InventoryAccessRules implements AccessRules {

    @Override
    public void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.PUT, "/api/inventory/stock/**").hasRole("ADMIN")
                .requestMatchers("/api/inventory/reservations/**").hasRole("ADMIN");
    }
}
