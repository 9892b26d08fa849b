package io.emporium.runner.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class LogMergerTest {

    private static String ecs(String time, String level, String message) {
        return "{\"@timestamp\":\"" + time + "\",\"log.level\":\"" + level + "\",\"log.logger\":\"io.emporium.Demo\","
                + "\"message\":\"" + message + "\"}";
    }

    private final List<LogLine> catalog = LogFiles.parse("catalog-1", List.of(
            ecs("2026-01-01T10:00:01Z", "INFO", "catalog one"),
            "java.lang.IllegalStateException: boom",
            "\tat io.emporium.Demo.run(Demo.java:1)",
            ecs("2026-01-01T10:00:04Z", "WARN", "catalog four")));
    private final List<LogLine> gateway = LogFiles.parse("gateway-1", List.of(
            ecs("2026-01-01T10:00:02Z", "INFO", "gateway two"),
            ecs("2026-01-01T10:00:03Z", "INFO", "gateway three")));

    @Test
    void mergesFilesInTimeOrderKeepingUntimedLinesUnderTheirEvent() {
        List<String> merged = LogMerger.merge(List.of(catalog, gateway)).stream().map(LogLine::raw).toList();

        assertThat(merged).containsExactly(
                catalog.get(0).raw(),
                "java.lang.IllegalStateException: boom",
                "\tat io.emporium.Demo.run(Demo.java:1)",
                gateway.get(0).raw(),
                gateway.get(1).raw(),
                catalog.get(3).raw());
    }

    @Test
    void linesWithoutAnyTimeComeFirstInFileOrder() {
        List<LogLine> plain = LogFiles.parse("kafka", List.of("first plain", "second plain"));

        List<String> merged = LogMerger.merge(List.of(gateway, plain)).stream().map(LogLine::raw).toList();

        assertThat(merged).startsWith("first plain", "second plain");
    }

    @Test
    void filtersByTextSinceAndLastN() {
        LogQuery grep = new LogQuery(List.of(), "GATEWAY", null, null);
        assertThat(LogMerger.query(List.of(catalog, gateway), grep)).extracting(LogLine::message)
                .containsExactly("gateway two", "gateway three");

        LogQuery since = new LogQuery(List.of(), null, Instant.parse("2026-01-01T10:00:03Z"), null);
        assertThat(LogMerger.query(List.of(catalog, gateway), since)).extracting(LogLine::message)
                .containsExactly("gateway three", "catalog four");

        LogQuery last = new LogQuery(List.of(), null, null, 2);
        assertThat(LogMerger.query(List.of(catalog, gateway), last)).extracting(LogLine::message)
                .containsExactly("gateway three", "catalog four");
    }

    @Test
    void selectsServicesByNameOrInstance() {
        LogQuery catalogOnly = new LogQuery(List.of("catalog"), null, null, null);
        assertThat(catalogOnly.includesSource("catalog-1")).isTrue();
        assertThat(catalogOnly.includesSource("catalog-12")).isTrue();
        assertThat(catalogOnly.includesSource("catalogue-1")).isFalse();
        assertThat(catalogOnly.includesSource("gateway-1")).isFalse();

        LogQuery oneInstance = new LogQuery(List.of("catalog#2"), null, null, null);
        assertThat(oneInstance.includesSource("catalog-2")).isTrue();
        assertThat(oneInstance.includesSource("catalog-1")).isFalse();

        assertThat(new LogQuery(List.of("kafka"), null, null, null).includesSource("kafka")).isTrue();
    }
}
