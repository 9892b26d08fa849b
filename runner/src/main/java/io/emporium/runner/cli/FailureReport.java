package io.emporium.runner.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.emporium.runner.supervision.SystemState;

/** How {@code up} and {@code status} tell why a start failed: the part, the reason, the last lines of its log. */
final class FailureReport {

    private FailureReport() {
    }

    /** The report of the state's failure; empty when it has none. */
    static List<String> lines(SystemState state) {
        SystemState.Failure failure = state.failure();
        if (failure == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(failure.part() + " failed: " + failure.message());
        if (!failure.logTail().isEmpty()) {
            String log = state.parts().stream().filter(part -> part.id().equals(failure.part()))
                    .map(part -> part.log()).filter(Objects::nonNull).findFirst().orElse("its log");
            lines.add("--- last " + failure.logTail().size() + " lines of " + log + " ---");
            lines.addAll(failure.logTail());
            lines.add("---");
        }
        return lines;
    }
}
