package io.emporium.platform.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.emporium.platform.test.security.TestIssuer;
import io.emporium.platform.test.web.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An issuer that accepts the connection but never answers (hung, overloaded) must not hang the requests whose tokens
 * need its keys: fetching them gives up after {@code emporium.security.keys-read-timeout}, and the request is a 503.
 */
@SpringBootTest(classes = JwksRefreshLimitTest.TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=things", "emporium.security.issuer-uri=" + TestIssuer.ISSUER,
        "emporium.security.keys-read-timeout=1s" })
class HangingIssuerTest {

    /** Listens, so connections succeed, but never accepts them: nothing is ever answered. */
    static final ServerSocket silent;

    static {
        try {
            silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    @DynamicPropertySource
    static void hangingKeys(DynamicPropertyRegistry registry) {
        registry.add("emporium.security.jwk-set-uri", () -> "http://127.0.0.1:" + silent.getLocalPort() + "/oauth2/jwks");
    }

    @AfterAll
    static void close() throws IOException {
        silent.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aTokenWhoseKeysDoNotComeInTimeIsA503ProblemAfterTheReadTimeout() throws Exception {
        long start = System.nanoTime();
        TestHttp http = new TestHttp(port);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(http.uri("/things")).timeout(Duration.ofSeconds(20)),
                TestIssuer.shared().customer("alice"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
