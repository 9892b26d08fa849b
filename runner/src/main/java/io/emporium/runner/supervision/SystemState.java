package io.emporium.runner.supervision;

import java.util.List;

import io.emporium.runner.process.PartStatus;

/**
 * What the supervisor writes to {@code var/run/state.json} on every change, and serves on its control port.
 *
 * @param supervisorPid the supervisor's pid
 * @param controlPort   its HTTP control port on 127.0.0.1 ({@code GET /state}, {@code POST /down},
 *                      {@code POST /scale}), 0 before it listens
 * @param startedAt     epoch millis when the supervisor started
 * @param failure       why the start failed, or {@code null}
 * @param parts         in start order: infrastructure first, then services by dependency level
 */
public record SystemState(long supervisorPid, int controlPort, long startedAt, Phase phase, Failure failure,
                          List<PartStatus> parts) {

    /** The part that failed, why, and the last lines of its log. */
    public record Failure(String part, String message, List<String> logTail) {
    }

    public SystemState {
        parts = List.copyOf(parts);
    }

    public boolean isSettled() {
        return phase != Phase.STARTING;
    }
}
