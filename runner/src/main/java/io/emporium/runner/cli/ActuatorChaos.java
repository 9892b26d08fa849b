package io.emporium.runner.cli;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform's fault injection endpoint {@code /actuator/chaos} of service instances on this machine, called
 * through an {@link Actuator}: {@code GET} reads, {@code POST} turns on, {@code DELETE} turns off; each answers the
 * resulting state. It exists only in the {@code local} and {@code test} profiles.
 */
final class ActuatorChaos {

    /**
     * An instance's fault injection, as the endpoint answers it (JSON, bound by Jackson).
     *
     * @param latency   added to each request, or {@code null}
     * @param errorRate share of requests answered with an error, 0 to 1
     * @param until     when it turns itself off, or {@code null} (when turned off)
     */
    record State(boolean active, Duration latency, double errorRate, Instant until) {
    }

    /**
     * The instance has no {@code /actuator/chaos}: it runs without the local or test profile, and so do the other
     * instances of its service. Not a {@link Actuator.CallFailed}, which concerns the one instance called.
     */
    static final class NotEnabled extends RuntimeException {

        NotEnabled() {
            super("has no /actuator/chaos (HTTP 404)");
        }
    }

    private static final String PATH = "chaos";

    private final Actuator actuator;

    /** @param actuator used, not closed */
    ActuatorChaos(Actuator actuator) {
        this.actuator = actuator;
    }

    /**
     * @throws NotEnabled            on 404
     * @throws Actuator.TokenRefused on 401 or 403
     * @throws Actuator.CallFailed   when it cannot be reached or answers anything else but 2xx with the state
     */
    State get(int port) {
        return state(actuator.get(port, PATH), "reading fault injection");
    }

    /**
     * Turns fault injection on; every argument may be {@code null} (then the service's default applies).
     *
     * @param duration how long it stays on; {@code null}: until turned off
     * @throws NotEnabled            on 404
     * @throws Actuator.TokenRefused on 401 or 403
     * @throws Actuator.CallFailed   when it cannot be reached or answers anything else but 2xx with the state
     */
    State turnOn(int port, Duration latency, Double errorRate, Duration duration) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (latency != null) {
            body.put("latency", format(latency));
        }
        if (errorRate != null) {
            body.put("errorRate", errorRate);
        }
        if (duration != null) {
            body.put("duration", format(duration));
        }
        return state(actuator.post(port, PATH, body), "turning fault injection on");
    }

    /** Turns fault injection off; fails as {@link #get}. */
    State turnOff(int port) {
        return state(actuator.delete(port, PATH), "turning fault injection off");
    }

    /** In Spring Boot's simple duration syntax: {@code 2s}, or {@code 500ms} when not whole seconds. */
    static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static State state(HttpResponse<String> response, String doing) {
        if (response.statusCode() == 404) {
            throw new NotEnabled();
        }
        return Actuator.read(response, State.class, doing, "a state that cannot be read");
    }
}
