package io.emporium.catalog.product.web;

import io.emporium.platform.security.servlet.AccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Browsing the catalog is public: anyone may read products, prices and categories without a token. A token that is
 * sent anyway (orders sends its own, audience {@code catalog}) is still checked, and anything but a read needs one.
 */
@Component
class CatalogAccessRules implements AccessRules {

    @Override
    public void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, "/api/catalog/**").permitAll();
    }
}
