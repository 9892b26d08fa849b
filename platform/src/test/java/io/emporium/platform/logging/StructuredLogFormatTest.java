package io.emporium.platform.logging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Under the runner (ECS format on), every log line is one JSON object with service, instance and trace ids. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = { "spring.application.name=log-test", "emporium.instance-id=log-test-7",
        "logging.structured.format.console=ecs" })
class StructuredLogFormatTest {

    @Autowired
    Tracer tracer;

    @Test
    void logLinesAreEcsJsonWithServiceInstanceAndTraceIds(CapturedOutput output) {
        Span span = tracer.nextSpan().name("log-format-test").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            LoggerFactory.getLogger(StructuredLogFormatTest.class).info("order {} placed", 42);
        }
        finally {
            span.end();
        }
        String line = output.getOut().lines().filter(l -> l.contains("order 42 placed")).findFirst().orElseThrow();
        JsonNode event = JsonMapper.shared().readTree(line);
        assertThat(event.get("@timestamp").asString()).isNotBlank();
        assertThat(event.at("/log/level").asString()).isEqualTo("INFO");
        assertThat(event.at("/log/logger").asString()).isEqualTo(StructuredLogFormatTest.class.getName());
        assertThat(event.at("/service/name").asString()).isEqualTo("log-test");
        assertThat(event.at("/service/node/name").asString()).isEqualTo("log-test-7");
        // ECS treats dotted and nested names alike; Boot nests its own members, MDC members keep the dotted name
        assertThat(event.get("trace.id").asString()).isEqualTo(span.context().traceId());
        assertThat(event.get("span.id").asString()).isEqualTo(span.context().spanId());
        assertThat(event.at("/ecs/version").asString()).isNotBlank();
    }

    /**
     * The event fields Emporium adds (key-values of the SLF4J fluent API, and MDC entries such as the caller's
     * user.id) come out as fields of the same JSON object, whatever their names share.
     */
    @Test
    void eventFieldsFromKeyValuesAndTheMdcAreWrittenToo(CapturedOutput output) {
        try (var user = MDC.putCloseable("user.id", "alice"); var request = MDC.putCloseable("http.request.id", "r-1")) {
            LoggerFactory.getLogger("emporium.security").atWarn().addKeyValue("event.action", "access-denied")
                    .addKeyValue("user.name", "alice").addKeyValue("messaging.message.id", "m-1")
                    .addKeyValue("url.path", "/api/orders").log("marker-line {}", 7);
        }
        String line = output.getOut().lines().filter(l -> l.contains("marker-line 7")).findFirst().orElseThrow();
        JsonNode event = JsonMapper.shared().readTree(line);
        assertThat(line).contains("access-denied", "alice", "m-1", "/api/orders", "r-1");
        assertThat(event.get("message").asString()).isEqualTo("marker-line 7");
    }

    // no database here (JDBC is on the platform's test classpath for the messaging tests)
    @SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    static class TestApplication {
    }
}
