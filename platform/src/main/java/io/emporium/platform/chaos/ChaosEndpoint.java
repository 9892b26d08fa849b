package io.emporium.platform.chaos;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.convert.DurationStyle;

/**
 * {@code /actuator/chaos}: reads ({@code GET}), sets ({@code POST {"latency":"2s","errorRate":0.3,"duration":"60s"}},
 * each member optional, durations in Spring Boot's syntax) and clears ({@code DELETE}) the {@link FaultInjection} of
 * this instance. Every operation answers the resulting state; invalid input is a 400 naming the member. Admin-only,
 * like every actuator endpoint but health, info and prometheus.
 */
@WebEndpoint(id = "chaos")
class ChaosEndpoint {

    private final FaultInjection faults;

    ChaosEndpoint(FaultInjection faults) {
        this.faults = faults;
    }

    @ReadOperation
    FaultInjection.State state() {
        return faults.state();
    }

    @WriteOperation
    WebEndpointResponse<Object> activate(@Nullable String latency, @Nullable Double errorRate,
            @Nullable String duration) {
        try {
            Duration wait = parse("latency", latency);
            Duration lasting = parse("duration", duration);
            return new WebEndpointResponse<>(faults.activate(wait, errorRate == null ? 0 : errorRate, lasting));
        }
        catch (IllegalArgumentException ex) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("title", "Bad Request");
            problem.put("status", WebEndpointResponse.STATUS_BAD_REQUEST);
            problem.put("detail", ex.getMessage());
            return new WebEndpointResponse<>(problem, WebEndpointResponse.STATUS_BAD_REQUEST);
        }
    }

    @DeleteOperation
    FaultInjection.State deactivate() {
        return faults.deactivate();
    }

    private static @Nullable Duration parse(String member, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DurationStyle.detectAndParse(value.strip());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(member + " must be a duration such as 500ms, 2s or PT2S, not '" + value
                    + "'", ex);
        }
    }
}
