package io.emporium.runner.infra;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * An admin connection to an existing PostgreSQL server, given as {@code postgresql://user:password@host:port[/db]}
 * (the {@code jdbc:} prefix is accepted; user and password percent-encoded). The user must be allowed to create roles
 * and databases. Neither {@link #toString()} nor any message of {@link #parse} ever contains the password, or any
 * part of a URL that could not be read (the password may be anywhere in it).
 */
public record PostgresUrl(String host, int port, String database, String user, String password) {

    private static final String EXPECTED =
            "expected postgresql://user:password@host:port, e.g. postgresql://postgres:secret@127.0.0.1:5432";

    /**
     * @throws IllegalArgumentException with a readable message, which does not repeat the URL, when it is not of
     *                                  that form
     */
    public static PostgresUrl parse(String url) {
        String text = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // the reason and position only: URISyntaxException's own message quotes the input, password included
            throw new IllegalArgumentException("the PostgreSQL URL is not a valid URL (" + e.getReason()
                    + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : "") + "); " + EXPECTED
                    + " (percent-encode special characters in the user and password)");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the PostgreSQL URL is not of the expected form: " + EXPECTED);
        }
        String user = "postgres";
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            user = decode(userInfo[0]);
            password = userInfo.length > 1 ? decode(userInfo[1]) : null;
        }
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new PostgresUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path, user, password);
    }

    public String adminJdbcUrl() {
        return jdbcUrl(database);
    }

    public String jdbcUrl(String databaseName) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + databaseName;
    }

    /** Percent-decoding of a URL's user info; unlike form decoding, {@code +} stays a plus. */
    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }
}
