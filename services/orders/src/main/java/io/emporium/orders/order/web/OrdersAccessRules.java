package io.emporium.orders.order.web;

import io.emporium.platform.security.servlet.AccessRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * The orders service's own URL rules; every other request needs a valid token, and whose orders a caller may see is
 * decided per request by {@link OrderController}.
 */
@Component
class OrdersAccessRules implements AccessRules {

    @Override
    public void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/api/orders/admin/**").hasRole("ADMIN");
    }
}
