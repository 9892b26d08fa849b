package io.emporium.platform.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In production a service sends its spans over OTLP to an OpenTelemetry collector as soon as an endpoint is
 * configured (management.opentelemetry.tracing.export.otlp.endpoint); here a stand-in collector receives them.
 */
@SpringBootTest(properties = { "spring.application.name=otlp-test",
        "management.opentelemetry.tracing.export.otlp.transport=http" })
class OtlpExportTest {

    static final List<String> received = new CopyOnWriteArrayList<>();
    static final HttpServer collector = collector();

    @DynamicPropertySource
    static void otlp(DynamicPropertyRegistry registry) {
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint",
                () -> "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
    }

    @AfterAll
    static void stop() {
        collector.stop(0);
    }

    @Autowired
    Tracer tracer;

    @Test
    void spansGoToTheConfiguredOtlpCollector() {
        Span span = tracer.nextSpan().name("otlp-export-test").start();
        span.end();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(received)
                .anySatisfy(body -> assertThat(body).contains("otlp-export-test").contains("otlp-test")));
    }

    private static HttpServer collector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/traces", exchange -> {
                // OTLP/HTTP protobuf: span and service names are plain UTF-8 strings inside the message
                received.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    // no database here (JDBC is on the platform's test classpath for the messaging tests)
    @SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    static class TestApplication {
    }
}
