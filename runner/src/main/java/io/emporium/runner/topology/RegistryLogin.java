package io.emporium.runner.topology;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A login at the discovery service (the registry): HTTP Basic, the name and its password. DEV ONLY: like the
 * database passwords, the password is derived from the name ({@code <name>-registry-dev-only}) so that a local system
 * needs no secret store; never reuse this scheme outside the local runner.
 *
 * <p>Each service logs in as itself and may change only its own application's instances; the runner logs in as
 * {@link #RUNNER} and may only read; {@link #ADMIN} sees the dashboard and the management endpoints.
 */
public record RegistryLogin(String name, String password) {

    /** The runner's own, read-only login: it checks that an instance is listed. */
    public static final RegistryLogin RUNNER = of("runner");
    /** The administrator's login, for a browser on the dashboard. */
    public static final RegistryLogin ADMIN = of("admin");

    public static RegistryLogin of(String name) {
        return new RegistryLogin(name, name + "-registry-dev-only");
    }

    /** The {@code Authorization} header value. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The name as the tail of an environment variable ({@code orders-service} → {@code ORDERS_SERVICE}); the registry
     * reads {@code _} back as {@code -}.
     */
    public String environmentName() {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String toString() {
        return "RegistryLogin[" + name + "]";
    }
}
