package io.emporium.runner.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class LogParserTest {

    @Test
    void readsFlatEcsFieldsAndTheTraceId() {
        LogLine line = LogParser.parse("catalog-1", """
                {"@timestamp":"2026-01-01T10:00:01.123Z","log.level":"INFO","log.logger":"org.springframework.boot.SpringApplication","message":"Started","traceId":"abc123","ecs.version":"8.11"}""",
                null);

        assertThat(line.json()).isTrue();
        assertThat(line.time()).isEqualTo(Instant.parse("2026-01-01T10:00:01.123Z"));
        assertThat(line.level()).isEqualTo("INFO");
        assertThat(line.logger()).isEqualTo("org.springframework.boot.SpringApplication");
        assertThat(line.message()).isEqualTo("Started");
        assertThat(line.traceId()).isEqualTo("abc123");
        assertThat(LogFormatter.format(line))
                .contains("catalog-1", "INFO", "o.s.b.SpringApplication", "Started", "[trace abc123]");
    }

    @Test
    void readsNestedEcsObjects() {
        LogLine line = LogParser.parse("orders-1", """
                {"@timestamp":"2026-01-01T10:00:01+01:00","log":{"level":"WARN","logger":"io.emporium.Orders"},"message":"late","trace":{"id":"t1"}}""",
                null);

        assertThat(line.time()).isEqualTo(Instant.parse("2026-01-01T09:00:01Z"));
        assertThat(line.level()).isEqualTo("WARN");
        assertThat(line.logger()).isEqualTo("io.emporium.Orders");
        assertThat(line.traceId()).isEqualTo("t1");
    }

    @Test
    void takesTheLeadingTimeOfPlainLinesAndKeepsThemAsWritten() {
        LogLine kafka = LogParser.parse("kafka", "2026-01-01T10:00:02.500Z INFO  Kafka Server started", null);
        LogLine postgres = LogParser.parse("postgres", "2026-01-01 10:00:03.250 UTC [42] LOG:  database system is ready", null);
        Instant previous = Instant.parse("2026-01-01T10:00:00Z");
        LogLine untimed = LogParser.parse("kafka", "{not json", previous);

        assertThat(kafka.time()).isEqualTo(Instant.parse("2026-01-01T10:00:02.500Z"));
        assertThat(postgres.time()).isEqualTo(Instant.parse("2026-01-01T10:00:03.250Z"));
        assertThat(untimed.json()).isFalse();
        assertThat(untimed.time()).isEqualTo(previous);
        assertThat(LogFormatter.format(untimed)).endsWith("| {not json");
    }
}
