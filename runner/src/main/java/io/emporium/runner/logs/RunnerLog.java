package io.emporium.runner.logs;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The supervisor's own structured log: one ECS-style JSON object per line ({@code @timestamp}, {@code log.level},
 * {@code log.logger}, {@code message}, plus {@code emporium.*} fields), so {@code logs} merges it with the services'.
 * Thread-safe.
 */
public final class RunnerLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrintStream out;

    public RunnerLog(PrintStream out) {
        this.out = out;
    }

    public void info(String event, String part, String message) {
        write("INFO", event, part, message, Map.of());
    }

    public void warn(String event, String part, String message) {
        write("WARN", event, part, message, Map.of());
    }

    public void error(String event, String part, String message) {
        write("ERROR", event, part, message, Map.of());
    }

    /** Writes one event; {@code fields} are added under the {@code emporium.} prefix. */
    public void write(String level, String event, String part, String message, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("@timestamp", Instant.now().toString());
        line.put("log.level", level);
        line.put("log.logger", "emporium.runner");
        line.put("message", (part == null ? "" : part + ": ") + message);
        line.put("event.action", event);
        if (part != null) {
            line.put("emporium.part", part);
        }
        fields.forEach((key, value) -> line.put("emporium." + key, value));
        String json = JSON.writeValueAsString(line);
        synchronized (out) {
            out.println(json);
            out.flush();
        }
    }
}
