package io.emporium.platform.security.servlet;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own URL rules, added to the platform's resource-server filter chain after the management rules
 * (health, info and prometheus open; other actuator endpoints admin-only) and before the final rule that every
 * other request needs a valid token. Declare one as a bean.
 */
@FunctionalInterface
public interface AccessRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
