package io.emporium.runner.cli;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Spring Boot's {@code /actuator/loggers/<name>} of service instances on this machine, called through an
 * {@link Actuator}.
 */
final class ActuatorLoggers {

    /**
     * A logger's levels as an instance reports them (JSON, bound by Jackson); either may be {@code null} (not set; a
     * logger group).
     */
    record Levels(String configuredLevel, String effectiveLevel) {
    }

    private static final String NOT_EXPOSED = "does not expose /actuator/loggers (HTTP 404)";

    private final Actuator actuator;

    /** @param actuator used, not closed */
    ActuatorLoggers(Actuator actuator) {
        this.actuator = actuator;
    }

    /**
     * Sets the logger's configured level, or resets it with {@code null}.
     *
     * @throws Actuator.TokenRefused when the instance answers 401 or 403
     * @throws Actuator.CallFailed   when it cannot be reached or answers anything but 2xx
     */
    void set(int port, String logger, String level) {
        Map<String, String> body = new HashMap<>();
        body.put("configuredLevel", level);
        HttpResponse<String> response = actuator.post(port, path(logger), body);
        if (response.statusCode() == 404) {
            throw new Actuator.CallFailed(NOT_EXPOSED);
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
        HttpResponse<String> response = actuator.get(port, path(logger));
        if (response.statusCode() == 404) {
            throw new Actuator.CallFailed(actuator.get(port, "loggers").statusCode() == 404 ? NOT_EXPOSED
                    : "has no logger named " + logger + " (HTTP 404; it exists once a level is set)");
        }
        return Actuator.read(response, Levels.class, "reading the level", "something that is not JSON");
    }

    private static String path(String logger) {
        return "loggers/" + URLEncoder.encode(logger, StandardCharsets.UTF_8);
    }
}
