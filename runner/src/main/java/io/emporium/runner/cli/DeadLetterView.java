package io.emporium.runner.cli;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.emporium.runner.dlq.DeadLetter;
import io.emporium.runner.dlq.DeadLetterKind;
import io.emporium.runner.dlq.Replay;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.json.JsonMapper;

/** How dead letters read: a table for people, with long texts shortened to one line, or JSON with everything. */
final class DeadLetterView {

    static final int ORDER_WIDTH = 40;
    static final int REASON_WIDTH = 80;
    static final int VALUE_WIDTH = 60;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DeadLetterView() {
    }

    /**
     * One row per dead letter: where it is, when it was dead-lettered (in {@code zone}), its type, whether it leaves an
     * order stuck ({@code COMPENSATION}, {@code FINALIZATION}; see {@link DeadLetterKind}), the order it is about
     * (subject, else key), its id, where it came from, whether it was replayed, the first line of the exception
     * message (why it was dead-lettered) and the value, shortened.
     */
    static Table table(List<DeadLetter> letters, Map<String, Replay> replays, ZoneId zone) {
        Table table = new Table("DEAD LETTER", "TIME", "TYPE", "STUCK", "ORDER", "CE_ID", "ORIGINAL", "REPLAYED",
                "REASON", "VALUE");
        for (DeadLetter letter : letters) {
            table.row(letter.position(),
                    TIME.format(letter.time().atZone(zone)),
                    letter.ceType(),
                    letter.kind().leavesAnOrderStuck() ? letter.kind().name() : null,
                    shorten(letter.subject(), ORDER_WIDTH),
                    letter.ceId(),
                    letter.originalPosition(),
                    replayOf(letter, replays) == null ? "no" : "yes",
                    shorten(firstLine(letter.exceptionMessage()), REASON_WIDTH),
                    shorten(text(letter.value()), VALUE_WIDTH));
        }
        return table;
    }

    /**
     * One line per kind of dead letter that leaves orders stuck ({@link DeadLetterKind#leavesAnOrderStuck()}) and was
     * not replayed yet: how many, their types, what it means, and the command that replays them. None when there are
     * none.
     */
    static List<String> stuckOrders(List<DeadLetter> letters, Map<String, Replay> replays) {
        Map<DeadLetterKind, List<DeadLetter>> stuck = new EnumMap<>(DeadLetterKind.class);
        for (DeadLetter letter : letters) {
            if (letter.kind().leavesAnOrderStuck() && replayOf(letter, replays) == null) {
                stuck.computeIfAbsent(letter.kind(), kind -> new ArrayList<>()).add(letter);
            }
        }
        List<String> lines = new ArrayList<>();
        stuck.forEach((kind, waiting) -> lines.add(String.format(
                "! %d %s%s not replayed (%s): %s. Fix the REASON, then: ./emporium dlq replay --id %s",
                waiting.size(), kind.name().toLowerCase(Locale.ROOT), waiting.size() == 1 ? "" : "s",
                String.join(", ", new TreeSet<>(waiting.stream().map(DeadLetter::ceType).toList())),
                kind.consequence(),
                String.join(" ", waiting.stream().map(DeadLetter::ceId).toList()))));
        return lines;
    }

    /**
     * A JSON array, one object per dead letter with its full key, value and exception message (not the stack trace),
     * {@code stuck} ({@code compensation}, {@code finalization} or null) and {@code order}, its headers other than
     * {@code kafka_dlt-*} as text, and {@code replay} (null when it was not replayed).
     */
    static String json(List<DeadLetter> letters, Map<String, Replay> replays) {
        List<Map<String, Object>> array = new ArrayList<>();
        for (DeadLetter letter : letters) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("deadLetter", letter.position());
            object.put("topic", letter.topic());
            object.put("partition", letter.partition());
            object.put("offset", letter.offset());
            object.put("time", letter.time().toString());
            object.put("originalTopic", letter.originalTopic());
            object.put("originalPartition", letter.originalPartition());
            object.put("originalOffset", letter.originalOffset());
            Long originalTimestamp = letter.originalTimestamp();
            object.put("originalTime",
                    originalTimestamp == null ? null : Instant.ofEpochMilli(originalTimestamp).toString());
            object.put("key", text(letter.key()));
            object.put("ceId", letter.ceId());
            object.put("ceType", letter.ceType());
            object.put("stuck", letter.kind().leavesAnOrderStuck() ? letter.kind().name().toLowerCase(Locale.ROOT)
                    : null);
            object.put("order", letter.subject());
            object.put("ceSource", letter.header(DeadLetter.SOURCE));
            object.put("ceSubject", letter.header(DeadLetter.SUBJECT));
            object.put("exceptionClass", letter.exceptionClass());
            object.put("exceptionMessage", letter.exceptionMessage());
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : letter.headers()) {
                if (!header.key().startsWith(DeadLetter.DLT_HEADER_PREFIX)) {
                    headers.put(header.key(), text(header.value()));
                }
            }
            object.put("headers", headers);
            object.put("value", text(letter.value()));
            Replay replay = replayOf(letter, replays);
            object.put("replay", replay == null ? null
                    : Map.of("replayedTo", replay.replayedTo(), "replayedAt", replay.replayedAt().toString()));
            array.add(object);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array);
    }

    /** The recorded replay of this very dead letter, or {@code null}. */
    static Replay replayOf(DeadLetter letter, Map<String, Replay> replays) {
        Replay replay = replays.get(letter.position());
        return replay != null && replay.isOf(letter) ? replay : null;
    }

    /** The first non-blank line, or {@code null}. */
    static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        return text.lines().filter(line -> !line.isBlank()).findFirst().map(String::strip).orElse("");
    }

    /**
     * On one line (each line break or tab, with the spaces around it, as one space) and at most {@code width}
     * characters, ending in … when cut; {@code null} stays {@code null}.
     */
    static String shorten(String text, int width) {
        if (text == null) {
            return null;
        }
        String line = text.replaceAll("\\s*[\\r\\n\\t]\\s*", " ").strip();
        if (line.codePointCount(0, line.length()) <= width) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, width - 1)) + "…";
    }

    /** UTF-8 text, or {@code null}. */
    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
