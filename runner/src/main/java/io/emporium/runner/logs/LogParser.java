package io.emporium.runner.logs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses log lines: ECS JSON lines as Spring Boot writes them ({@code logging.structured.format.console=ecs}, with
 * flat {@code "log.level"} keys or nested {@code "log": {"level": ...}} objects), and plain lines that start with a
 * timestamp such as {@code 2025-11-26T06:11:00.123Z} or {@code [2025-11-26 06:11:00,123]} (Kafka, Zipkin, PostgreSQL),
 * usually followed by a level ({@code INFO}, {@code [42] LOG:}).
 */
final class LogParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LEADING_TIME = Pattern.compile(
            "^\\[?(\\d{4}-\\d\\d-\\d\\d)[T ](\\d\\d:\\d\\d:\\d\\d)(?:[.,](\\d{1,9}))?\\s?(Z|[+-]\\d\\d:?\\d\\d|UTC)?");

    private LogParser() {
    }

    /** @param previous the time of the previous line of the same file, used when this line has none; may be null */
    static LogLine parse(String source, String raw, Instant previous) {
        return parse(source, raw, previous, null);
    }

    /**
     * @param previousTime  the time of the previous line of the same file, used when this line has none; may be null
     * @param previousLevel the level of the previous line of the same file, used when this line has none; may be null
     */
    static LogLine parse(String source, String raw, Instant previousTime, String previousLevel) {
        String trimmed = raw.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            try {
                JsonNode node = JSON.readTree(trimmed);
                if (node.isObject()) {
                    Instant time = instant(field(node, "@timestamp"));
                    String level = field(node, "log.level");
                    return new LogLine(source, time != null ? time : previousTime, true,
                            level != null ? level : previousLevel, field(node, "log.logger"), field(node, "message"),
                            traceId(node), raw);
                }
            } catch (JacksonException notJson) {
                // a plain line that happens to start with a brace
            }
        }
        Matcher leading = LEADING_TIME.matcher(raw);
        Instant time = leading.find() ? leadingTime(leading) : null;
        String level = plainLevel(time == null ? raw : raw.substring(leading.end()), time == null ? 1 : 3);
        return new LogLine(source, time != null ? time : previousTime, false, level != null ? level : previousLevel,
                null, null, null, raw);
    }

    /**
     * The level among the first {@code words} words of a plain line's text (after its timestamp), skipping bracketed
     * ones such as a pid {@code [42]}; a trailing colon is allowed ({@code LOG:}, {@code WARNING:}).
     */
    private static String plainLevel(String text, int words) {
        String[] tokens = text.strip().split("\\s+", words + 1);
        for (int i = 0; i < Math.min(words, tokens.length); i++) {
            String token = tokens[i];
            if (token.startsWith("[") && token.endsWith("]")) {
                continue;
            }
            String word = token.endsWith(":") ? token.substring(0, token.length() - 1) : token;
            Optional<LogLevel> level = LogLevel.of(word);
            if (level.isPresent()) {
                return level.get().name();
            }
        }
        return null;
    }

    private static String traceId(JsonNode node) {
        for (String key : new String[] {"trace.id", "traceId", "trace_id"}) {
            String value = field(node, key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** A dotted ECS field, flat ({@code "log.level"}) or nested ({@code "log": {"level"}}); null when absent. */
    static String field(JsonNode node, String dotted) {
        JsonNode flat = node.get(dotted);
        if (flat != null && flat.isValueNode()) {
            return flat.asString();
        }
        JsonNode current = node;
        for (String segment : dotted.split("\\.")) {
            current = current == null ? null : current.get(segment);
        }
        return current != null && current.isValueNode() ? current.asString() : null;
    }

    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static Instant leadingTime(Matcher matcher) {
        String fraction = matcher.group(3) == null ? "0" : matcher.group(3);
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(matcher.group(1) + "T" + matcher.group(2) + "."
                    + (fraction + "000000000").substring(0, 9), DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
        String zone = matcher.group(4);
        if (zone == null) {
            return local.atZone(ZoneId.systemDefault()).toInstant();
        }
        if (zone.equals("Z") || zone.equals("UTC")) {
            return local.toInstant(ZoneOffset.UTC);
        }
        return local.toInstant(ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone));
    }
}
