package io.emporium.registry.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks the HTTP Basic credentials of the registry's callers against {@link RegistryAccessProperties}. A caller
 * authenticated here is named by its lower-case name and holds one authority: {@value #CLIENT} (a service),
 * {@value #READER} (read-only) or {@code ROLE_ADMIN} (user {@value #ADMIN}).
 *
 * <p>Secrets are compared in constant time, as SHA-256 digests (so neither their content nor their length shows in
 * the time taken), also for unknown names. They are deliberately not hashed slowly (bcrypt and the like): the
 * configuration holds them in clear anyway, so a slow hash protects nothing stored, while every instance calls the
 * registry about twice every 5 s (heartbeat and registry fetch), ~4 calls a second for ten instances. Measured on the
 * 2-core development machine: a bcrypt check at Spring Security's default cost 10 takes 58 ms of CPU (about a quarter
 * of a core for those calls, and a cheap way for anyone sending wrong passwords to exhaust the registry's CPU);
 * SHA-256 and the comparison take 0.5 µs. Local secrets are DEV ONLY; production ones are long random values from a
 * secret store, out of reach of guessing.
 */
final class RegistryCredentials implements AuthenticationProvider {

    static final String CLIENT = "REGISTRY_CLIENT";
    static final String READER = "REGISTRY_READER";
    static final String ADMIN = "admin";

    private static final byte[] NOBODY = digest("no such caller");

    private record Caller(GrantedAuthority authority, byte[] secretDigest) {
    }

    private final Map<String, Caller> callers = new HashMap<>();

    /** @throws IllegalStateException when a name appears twice or a secret is blank; the message names the entry */
    RegistryCredentials(RegistryAccessProperties properties) {
        properties.clients().forEach((name, secret) -> add("emporium.registry.clients", name, secret, CLIENT));
        properties.readers().forEach((name, secret) -> add("emporium.registry.readers", name, secret, READER));
        if (properties.adminPassword() != null) {
            add("emporium.registry", ADMIN, properties.adminPassword(), "ROLE_ADMIN");
        }
    }

    private void add(String prefix, String key, String secret, String authority) {
        String name = nameOf(key);
        String entry = prefix + (authority.equals("ROLE_ADMIN") ? ".admin-password" : "." + key);
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException(entry + " is blank: give it a secret or remove it");
        }
        if (callers.containsKey(name)) {
            throw new IllegalStateException(entry + ": '" + name + "' already has registry credentials "
                    + "(names are unique across clients, readers and the admin)");
        }
        callers.put(name, new Caller(new SimpleGrantedAuthority(authority), digest(secret)));
    }

    /**
     * A configured name as the caller sends it: lower case, and with dashes where environment variables
     * ({@code EMPORIUM_REGISTRY_CLIENTS_ORDERS_SERVICE}) or property keys could only spell {@code _} or {@code .}.
     */
    static String nameOf(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName().toLowerCase(Locale.ROOT);
        Object secret = authentication.getCredentials();
        Caller caller = callers.get(name);
        boolean matches = MessageDigest.isEqual(digest(secret == null ? "" : secret.toString()),
                caller == null ? NOBODY : caller.secretDigest());
        if (caller == null || !matches) {
            throw new BadCredentialsException("Bad registry credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(name, null, List.of(caller.authority()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
