package io.emporium.platform.test.postgres;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where the PostgreSQL server for integration tests is, and whether an embedded fallback is allowed.
 *
 * @param url JDBC URL of a database the admin user can connect to
 * @param user an admin role that may create roles and databases
 * @param password the admin password, or null when the server trusts local connections
 * @param ci whether this is a CI run (then an unreachable server fails the tests instead of being replaced)
 */
record ServerSettings(String url, String user, @Nullable String password, boolean ci) {

    static final String URL_VARIABLE = "EMPORIUM_TEST_POSTGRES_URL";
    static final String USER_VARIABLE = "EMPORIUM_TEST_POSTGRES_USER";
    static final String PASSWORD_VARIABLE = "EMPORIUM_TEST_POSTGRES_PASSWORD";
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String DEFAULT_USER = "postgres";

    static ServerSettings fromEnvironment() {
        return from(System.getenv());
    }

    static ServerSettings from(Map<String, String> env) {
        return new ServerSettings(valueOr(env, URL_VARIABLE, DEFAULT_URL), valueOr(env, USER_VARIABLE, DEFAULT_USER),
                env.get(PASSWORD_VARIABLE), "true".equalsIgnoreCase(env.get("CI")));
    }

    private static String valueOr(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
