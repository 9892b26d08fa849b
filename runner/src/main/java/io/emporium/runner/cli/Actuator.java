package io.emporium.runner.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Boot actuator endpoints of service instances on this machine ({@code 127.0.0.1:<port>/actuator/...}),
 * called with a bearer token, JSON both ways (bound by Jackson); each failure becomes an exception whose message is
 * one line for a person. Close it when done.
 */
final class Actuator implements AutoCloseable {

    /** A call did not give the answer wanted; the message is one line for a person. */
    static class CallFailed extends RuntimeException {

        CallFailed(String message) {
            super(message);
        }
    }

    /** The instance refused the token: 401 (not accepted) or 403 (not allowed). */
    static final class TokenRefused extends CallFailed {

        final int status;

        TokenRefused(int status) {
            super("HTTP " + status);
            this.status = status;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final String accessToken;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    Actuator(String accessToken) {
        this.accessToken = accessToken;
    }

    static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + "/actuator/" + path);
    }

    /** {@code GET /actuator/<path>}; fails as {@link #send}. */
    HttpResponse<String> get(int port, String path) {
        return send(port, HttpRequest.newBuilder(uri(port, path)).GET());
    }

    /** {@code POST /actuator/<path>} with {@code body} as JSON; fails as {@link #send}. */
    HttpResponse<String> post(int port, String path, Object body) {
        return send(port, HttpRequest.newBuilder(uri(port, path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** {@code DELETE /actuator/<path>}; fails as {@link #send}. */
    HttpResponse<String> delete(int port, String path) {
        return send(port, HttpRequest.newBuilder(uri(port, path)).DELETE());
    }

    /**
     * Sends the request with the token, accepting JSON.
     *
     * @throws CallFailed when the instance cannot be reached or does not answer in time
     */
    HttpResponse<String> send(int port, HttpRequest.Builder request) {
        HttpRequest built = request.timeout(TIMEOUT)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CallFailed("does not answer at 127.0.0.1:" + port);
        } catch (HttpTimeoutException e) {
            throw new CallFailed("did not answer within " + TIMEOUT.toSeconds() + " s at 127.0.0.1:" + port);
        } catch (IOException e) {
            throw new CallFailed("cannot be reached at 127.0.0.1:" + port + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted");
        }
    }

    /**
     * @throws TokenRefused on 401 or 403
     * @throws CallFailed   on any other status but 2xx, saying what was being {@code doing}
     */
    static void requireSuccess(HttpResponse<String> response, String doing) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new TokenRefused(status);
        }
        if (status / 100 != 2) {
            throw new CallFailed("answered HTTP " + status + " " + doing);
        }
    }

    /**
     * The body of a successful answer, bound to {@code type} (properties it does not know are ignored).
     *
     * @throws TokenRefused on 401 or 403
     * @throws CallFailed   on any other status but 2xx, or a body that does not bind: {@code unreadable} says what
     *                      it was, e.g. {@code "a state that cannot be read"}
     */
    static <T> T read(HttpResponse<String> response, Class<T> type, String doing, String unreadable) {
        requireSuccess(response, doing);
        return bind(response.body(), type, doing, unreadable);
    }

    /** The JSON {@code body} bound to {@code type}; fails as {@link #read} does on a body that does not bind. */
    static <T> T bind(String body, Class<T> type, String doing, String unreadable) {
        try {
            return JSON.readValue(body, type);
        } catch (JacksonException e) {
            throw new CallFailed("answered with " + unreadable + " when " + doing + ": " + e.getOriginalMessage());
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
