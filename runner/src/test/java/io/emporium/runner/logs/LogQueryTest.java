package io.emporium.runner.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class LogQueryTest {

    private static final String TRACE = "6b08173e682c7730e8f837598aa597a3";
    private static final String OTHER_TRACE = "0af7651916cd43dd8448eb211c80319c";

    /** A line as the services write it: nested ECS objects, the trace id under the top-level key "trace.id". */
    private static String ecs(String time, String level, String service, String message, String traceId) {
        return "{\"@timestamp\":\"" + time + "\",\"log\":{\"level\":\"" + level + "\",\"logger\":\"io.emporium."
                + service + "\"},\"service\":{\"name\":\"" + service + "\",\"node\":{\"name\":\"" + service + "-1\"}},"
                + "\"message\":\"" + message + "\"" + (traceId == null ? "" : ",\"trace.id\":\"" + traceId
                + "\",\"span.id\":\"47a79d100137afe9\"") + "}";
    }

    private final List<LogLine> orders = LogFiles.parse("orders-1", List.of(
            ecs("2026-01-01T10:00:01Z", "DEBUG", "orders", "placing", TRACE),
            ecs("2026-01-01T10:00:02Z", "INFO", "orders", "placed", TRACE),
            ecs("2026-01-01T10:00:03Z", "WARN", "orders", "slow catalog", OTHER_TRACE),
            ecs("2026-01-01T10:00:06Z", "ERROR", "orders", "saga failed", TRACE)));
    private final List<LogLine> payments = LogFiles.parse("payments-1", List.of(
            ecs("2026-01-01T10:00:04Z", "INFO", "payments", "authorized", TRACE),
            ecs("2026-01-01T10:00:05Z", "WARN", "payments", "declined", null)));
    private final List<LogLine> kafka = LogFiles.parse("kafka", List.of(
            "2026-01-01T10:00:00.500Z INFO  Kafka Server started (kafka.server.KafkaRaftServer)",
            "2026-01-01T10:00:03.500Z WARN  [QuorumController id=1] metadata log is empty (QuorumController)",
            "\tat org.apache.kafka.Something.run(Something.java:1)",
            "2026-01-01T10:00:07Z ERROR broker failed " + TRACE));

    /** What the query shows of the three files: the message of JSON lines, other lines as written. */
    private List<String> messages(LogQuery query) {
        List<List<LogLine>> files = List.of(orders, payments, kafka).stream()
                .filter(lines -> query.includesSource(lines.getFirst().source())).toList();
        return LogMerger.query(files, query).stream()
                .map(line -> line.json() ? line.message() : line.raw()).toList();
    }

    @Test
    void traceKeepsTheLinesOfThatTraceFromEveryServiceInTimeOrder() {
        assertThat(messages(LogQuery.all().withTraceId(TRACE)))
                .containsExactly("placing", "placed", "authorized", "saga failed");
        assertThat(messages(LogQuery.all().withTraceId(TRACE.toUpperCase()))).hasSize(4);
        assertThat(orders.getFirst().traceId()).isEqualTo(TRACE);
    }

    @Test
    void levelKeepsThatLevelAndMoreSevereIncludingPlainLinesAndTheirStackTraces() {
        assertThat(messages(LogQuery.all().withLevel(LogLevel.WARN))).containsExactly(
                "slow catalog",
                "2026-01-01T10:00:03.500Z WARN  [QuorumController id=1] metadata log is empty (QuorumController)",
                "\tat org.apache.kafka.Something.run(Something.java:1)",
                "declined",
                "saga failed",
                "2026-01-01T10:00:07Z ERROR broker failed " + TRACE);
        assertThat(messages(LogQuery.all().withLevel(LogLevel.ERROR)))
                .containsExactly("saga failed", "2026-01-01T10:00:07Z ERROR broker failed " + TRACE);
        assertThat(messages(LogQuery.all().withLevel(LogLevel.TRACE))).hasSize(10);
        assertThat(messages(LogQuery.all().withLevel(LogLevel.INFO))).doesNotContain("placing");
    }

    @Test
    void everyFilterMustMatch() {
        Instant since = Instant.parse("2026-01-01T10:00:02Z");
        LogQuery query = new LogQuery(List.of("orders", "payments"), null, since, 2)
                .withTraceId(TRACE).withLevel(LogLevel.INFO);

        // of the trace's lines: placing is DEBUG; placed, authorized and saga failed pass every filter
        assertThat(messages(query.withoutLast())).containsExactly("placed", "authorized", "saga failed");
        assertThat(messages(query)).containsExactly("authorized", "saga failed");
        assertThat(messages(query.withoutLast().withLevel(LogLevel.ERROR))).containsExactly("saga failed");
        assertThat(messages(new LogQuery(List.of("orders", "payments"), "FAIL", since, null).withTraceId(TRACE)))
                .containsExactly("saga failed");
        // without the service filter, kafka's ERROR line is there, but it is plain text: no trace.id to match
        assertThat(messages(LogQuery.all().withLevel(LogLevel.ERROR).withTraceId(TRACE)))
                .containsExactly("saga failed");
    }

    @Test
    void rejectsWhatIsNoTraceIdOrLevel() {
        assertThatThrownBy(() -> LogQuery.all().withTraceId("not-a-trace"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a trace id: 'not-a-trace'");
        assertThatThrownBy(() -> LogLevel.parse("LOUD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a log level: 'LOUD' (one of TRACE, DEBUG, INFO, WARN, ERROR)");
        assertThat(LogLevel.parse("warn")).isEqualTo(LogLevel.WARN);
        assertThat(LogLevel.parse("WARNING")).isEqualTo(LogLevel.WARN);
    }
}
