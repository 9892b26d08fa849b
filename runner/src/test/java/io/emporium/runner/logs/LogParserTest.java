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

    @Test
    void findsTheLevelOfPlainLinesAndCarriesItToTheirContinuations() {
        LogLine kafka = LogParser.parse("kafka", "2026-01-01T10:00:02.500Z WARN  [QuorumController id=1] slow", null);
        LogLine zipkin = LogParser.parse("zipkin", "2026-01-01T10:00:02.500Z  ERROR [/] 6004 --- [main] c.l.a.s.Server", null);
        LogLine postgres = LogParser.parse("postgres", "2026-01-01 10:00:03.250 UTC [42] WARNING:  no checkpoint", null);
        LogLine jvm = LogParser.parse("zipkin", "WARNING: A restricted method in java.lang.System has been called", null);
        LogLine stackTrace = LogParser.parse("kafka", "\tat kafka.Broker.run(Broker.java:1)", kafka.time(), kafka.level());
        LogLine config = LogParser.parse("kafka", "\tlog.level = INFO", kafka.time(), kafka.level());

        assertThat(kafka.level()).isEqualTo("WARN");
        assertThat(zipkin.level()).isEqualTo("ERROR");
        assertThat(postgres.level()).isEqualTo("WARN");
        assertThat(jvm.level()).isEqualTo("WARN");
        assertThat(stackTrace.level()).isEqualTo("WARN");
        assertThat(config.level()).isEqualTo("WARN");
        assertThat(LogParser.parse("postgres", "The files belonging to this database system", null).level()).isNull();
    }

    @Test
    void readsTheTraceIdUnderTheTopLevelKeyTheServicesWrite() {
        LogLine line = LogParser.parse("orders-1", """
                {"@timestamp":"2026-11-26T11:25:50.885140123Z","log":{"level":"WARN","logger":"emporium.security"},"service":{"name":"orders","node":{"name":"orders-1"}},"message":"authentication-failure","trace.id":"6b08173e682c7730e8f837598aa597a3","span.id":"47a79d100137afe9"}""",
                null);

        assertThat(line.traceId()).isEqualTo("6b08173e682c7730e8f837598aa597a3");
        assertThat(line.level()).isEqualTo("WARN");
    }
}
