package io.emporium.platform.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the issuer's keys cannot be fetched, a token cannot be checked: that is the system's fault, not the caller's,
 * so the answer is a 503 problem with Retry-After (never a 500, never a misleading 401).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=things", "emporium.security.issuer-uri=" + TestIssuer.ISSUER,
        "emporium.security.jwk-set-uri=http://127.0.0.1:9/oauth2/jwks" })
class UnreachableIssuerTest {

    @LocalServerPort
    int port;

    @Test
    void aTokenThatCannotBeCheckedIsA503Problem() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/things"))
                        .header("Authorization", "Bearer " + TestIssuer.shared().customer("alice")).build(),
                BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("cannot be checked");
    }

    // no database here (JDBC is on the platform's test classpath for the messaging tests)
    @SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @RestController
    static class TestApplication {

        @GetMapping("/things")
        String things() {
            return "things";
        }
    }
}
