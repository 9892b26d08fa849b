package io.emporium.platform.security;

import java.net.http.HttpResponse;

import io.emporium.platform.test.security.TestIssuer;
import io.emporium.platform.test.web.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the issuer's keys cannot be fetched, a token cannot be checked: that is the system's fault, not the caller's,
 * so the answer is a 503 problem with Retry-After (never a 500, never a misleading 401).
 */
@SpringBootTest(classes = JwksRefreshLimitTest.TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=things", "emporium.security.issuer-uri=" + TestIssuer.ISSUER,
        "emporium.security.jwk-set-uri=http://127.0.0.1:9/oauth2/jwks" })
class UnreachableIssuerTest {

    @LocalServerPort
    int port;

    @Test
    void aTokenThatCannotBeCheckedIsA503Problem() throws Exception {
        HttpResponse<String> response = new TestHttp(port).get("/things", TestIssuer.shared().customer("alice"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("cannot be checked");
    }
}
