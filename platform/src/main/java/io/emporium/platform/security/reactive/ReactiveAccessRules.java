package io.emporium.platform.security.reactive;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * A reactive service's own URL rules (the gateway's), added to the platform's resource-server chain after the
 * management rules and before the final rule that every other exchange needs a valid token. Declare one as a bean.
 */
@FunctionalInterface
public interface ReactiveAccessRules {

    void configure(ServerHttpSecurity.AuthorizeExchangeSpec exchanges);
}
