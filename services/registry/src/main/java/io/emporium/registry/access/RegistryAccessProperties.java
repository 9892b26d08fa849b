package io.emporium.registry.access;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the registry ({@code emporium.registry.*}). Every secret comes from configuration: DEV-ONLY values
 * that the runner derives locally ({@code <name>-registry-dev-only}), a secret store's elsewhere. A name may appear
 * once across all three kinds; {@code admin} is the administrator's.
 *
 * @param clients       service name to secret ({@code emporium.registry.clients.orders=...}, env
 *                      {@code EMPORIUM_REGISTRY_CLIENTS_ORDERS}; a dash in a name is written {@code _} there): each
 *                      reads the registry and registers, renews and cancels instances of its own application only
 * @param readers       name to secret of callers that only read the registry (the runner's readiness check)
 * @param adminPassword the password of user {@code admin} (HTTP Basic), who may read everything, see the dashboard
 *                      and use the management endpoints; none: only identity's admin tokens reach those
 */
@ConfigurationProperties("emporium.registry")
record RegistryAccessProperties(@DefaultValue Map<String, String> clients, @DefaultValue Map<String, String> readers,
        @Nullable String adminPassword) {
}
