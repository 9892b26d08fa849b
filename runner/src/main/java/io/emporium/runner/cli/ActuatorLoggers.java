package io.emporium.runner.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Boot's {@code /actuator/loggers/<name>} of service instances on this machine ({@code 127.0.0.1:<port>}),
 * called with a bearer token. Not thread-safe to close while in use; close it when done.
 */
final class ActuatorLoggers implements AutoCloseable {

    /** A logger's levels as an instance reports them; either may be {@code null} (not set; a logger group). */
    record Levels(String configured, String effective) {
    }

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

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String accessToken;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    ActuatorLoggers(String accessToken) {
        this.accessToken = accessToken;
    }

    /**
     * Sets the logger's configured level, or resets it with {@code null}.
     *
     * @throws TokenRefused when the instance answers 401 or 403
     * @throws CallFailed   when it cannot be reached or answers anything but 2xx
     */
    void set(int port, String logger, String level) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("configuredLevel", level);
        HttpResponse<String> response = send(port, HttpRequest.newBuilder(uri(port, logger))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        if (response.statusCode() == 404) {
            throw new CallFailed("does not expose /actuator/loggers (HTTP 404)");
        }
        requireSuccess(response, "setting the level");
    }

    /**
     * The logger's levels.
     *
     * @throws TokenRefused when the instance answers 401 or 403
     * @throws CallFailed   when it cannot be reached, has no such logger, or answers anything else but 200
     */
    Levels get(int port, String logger) {
        HttpResponse<String> response = send(port, HttpRequest.newBuilder(uri(port, logger)).GET());
        if (response.statusCode() == 404) {
            HttpResponse<String> all = send(port, HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/loggers")).GET());
            throw new CallFailed(all.statusCode() == 404 ? "does not expose /actuator/loggers (HTTP 404)"
                    : "has no logger named " + logger + " (HTTP 404; it exists once a level is set)");
        }
        requireSuccess(response, "reading the level");
        try {
            JsonNode node = JSON.readTree(response.body());
            return new Levels(text(node.get("configuredLevel")), text(node.get("effectiveLevel")));
        } catch (JacksonException e) {
            throw new CallFailed("answered with something that is not JSON when reading the level");
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static URI uri(int port, String logger) {
        return URI.create("http://127.0.0.1:" + port + "/actuator/loggers/"
                + URLEncoder.encode(logger, StandardCharsets.UTF_8));
    }

    private static void requireSuccess(HttpResponse<String> response, String doing) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new TokenRefused(status);
        }
        if (status / 100 != 2) {
            throw new CallFailed("answered HTTP " + status + " " + doing);
        }
    }

    private HttpResponse<String> send(int port, HttpRequest.Builder request) {
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

    @Override
    public void close() {
        http.close();
    }
}
