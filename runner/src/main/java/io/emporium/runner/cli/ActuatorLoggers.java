package io.emporium.runner.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Boot's {@code /actuator/loggers/<name>} of service instances on this machine, called through an
 * {@link Actuator}. Close it when done.
 */
final class ActuatorLoggers implements AutoCloseable {

    /** A logger's levels as an instance reports them; either may be {@code null} (not set; a logger group). */
    record Levels(String configured, String effective) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Actuator actuator;

    ActuatorLoggers(String accessToken) {
        this.actuator = new Actuator(accessToken);
    }

    /**
     * Sets the logger's configured level, or resets it with {@code null}.
     *
     * @throws Actuator.TokenRefused when the instance answers 401 or 403
     * @throws Actuator.CallFailed   when it cannot be reached or answers anything but 2xx
     */
    void set(int port, String logger, String level) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("configuredLevel", level);
        HttpResponse<String> response = actuator.send(port, HttpRequest.newBuilder(uri(port, logger))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        if (response.statusCode() == 404) {
            throw new Actuator.CallFailed("does not expose /actuator/loggers (HTTP 404)");
        }
        Actuator.requireSuccess(response, "setting the level");
    }

    /**
     * The logger's levels.
     *
     * @throws Actuator.TokenRefused when the instance answers 401 or 403
     * @throws Actuator.CallFailed   when it cannot be reached, has no such logger, or answers anything else but 200
     */
    Levels get(int port, String logger) {
        HttpResponse<String> response = actuator.send(port, HttpRequest.newBuilder(uri(port, logger)).GET());
        if (response.statusCode() == 404) {
            HttpResponse<String> all = actuator.send(port, HttpRequest.newBuilder(Actuator.uri(port, "loggers")).GET());
            throw new Actuator.CallFailed(all.statusCode() == 404 ? "does not expose /actuator/loggers (HTTP 404)"
                    : "has no logger named " + logger + " (HTTP 404; it exists once a level is set)");
        }
        Actuator.requireSuccess(response, "reading the level");
        try {
            JsonNode node = JSON.readTree(response.body());
            return new Levels(text(node.get("configuredLevel")), text(node.get("effectiveLevel")));
        } catch (JacksonException e) {
            throw new Actuator.CallFailed("answered with something that is not JSON when reading the level");
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static URI uri(int port, String logger) {
        return Actuator.uri(port, "loggers/" + URLEncoder.encode(logger, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        actuator.close();
    }
}
