package io.emporium.runner.infra;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * An admin connection to an existing PostgreSQL server, given as {@code postgresql://user:password@host:port[/db]}
 * (the {@code jdbc:} prefix is accepted). The user must be allowed to create roles and databases.
 */
public record PostgresUrl(String host, int port, String database, String user, String password) {

    /** @throws IllegalArgumentException with a readable message when the URL is not of that form */
    public static PostgresUrl parse(String url) {
        String text = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "expected postgresql://user:password@host:port, e.g. postgresql://postgres:secret@127.0.0.1:5432");
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

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }
}
