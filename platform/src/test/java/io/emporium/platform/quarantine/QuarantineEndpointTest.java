package io.emporium.platform.quarantine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import java.util.List;

import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Quarantine bean is listed by /actuator/quarantine (admin only) and counted in emporium.quarantined{kind}. */
@SpringBootTest(classes = QuarantineEndpointTest.TestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.application.name=quarantining", "management.health.kafka.enabled=false" })
@TestInfrastructure
class QuarantineEndpointTest {

    private static final TestIssuer issuer = TestIssuer.shared();
    private static final Instant SINCE = Instant.parse("2026-12-01T10:15:30Z");

    // no database here (JDBC is on the platform's test classpath for the messaging tests)
    @SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    static class TestApplication {

        @Bean
        Quarantine outbox() {
            return new Fixed("outbox", List.of(new QuarantinedItem("outbox", "42", "RecordTooLargeException", SINCE)));
        }

        @Bean
        Quarantine broken() {
            return new Quarantine() {
                @Override
                public String kind() {
                    return "projection";
                }

                @Override
                public long count() {
                    throw new IllegalStateException("database down");
                }

                @Override
                public List<QuarantinedItem> list(int limit) {
                    return List.of();
                }
            };
        }
    }

    record Fixed(String kind, List<QuarantinedItem> items) implements Quarantine {

        @Override
        public long count() {
            return items.size();
        }

        @Override
        public List<QuarantinedItem> list(int limit) {
            return items.stream().limit(limit).toList();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void anAdminSeesEveryKindWithItsItemsAndAnUnreadableKindWithItsError() throws Exception {
        var response = get(issuer.admin());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"outbox\":{\"count\":1,\"items\":[{\"kind\":\"outbox\",\"id\":\"42\","
                + "\"reason\":\"RecordTooLargeException\",\"since\":\"2026-12-01T10:15:30Z\"}]")
            .contains("\"projection\":{\"count\":null,\"items\":[],\"error\":\"java.lang.IllegalStateException: database down\"}");
    }

    @Test
    void aCustomerIsRefused() throws Exception {
        assertThat(get(issuer.customer("alice")).statusCode()).isEqualTo(403);
    }

    @Test
    void eachKindIsAGaugeAndAnUnreadableCountIsNotZero() {
        assertThat(meters.get("emporium.quarantined").tag("kind", "outbox").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("emporium.quarantined").tag("kind", "projection").gauge().value()).isNaN();
    }

    private java.net.http.HttpResponse<String> get(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/quarantine"))
                .header("Authorization", "Bearer " + token).build(), BodyHandlers.ofString());
    }
}
