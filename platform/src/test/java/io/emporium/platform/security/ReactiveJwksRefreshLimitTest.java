package io.emporium.platform.security;

import java.time.Duration;

import com.nimbusds.jose.jwk.RSAKey;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reactive resource server (the gateway's) fetches the keys for unknown key ids at most once per interval too. */
@SpringBootTest(classes = JwksRefreshLimitTest.TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=edge", "spring.main.web-application-type=reactive",
        "emporium.security.issuer-uri=" + TestIssuer.ISSUER, "emporium.security.jwks-refresh-min-interval=3s" })
class ReactiveJwksRefreshLimitTest {

    @RegisterExtension
    static final RotatingJwks jwks = new RotatingJwks();

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        jwks.registerWith(registry);
    }

    @Autowired
    ReactiveJwtDecoder decoder;

    @LocalServerPort
    int port;

    @Test
    void aStormOfUnknownKeyIdsFetchesTheKeysAtMostOncePerIntervalAndARotatedKeyIsAcceptedAfterIt() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        client.get().uri("/things").headers(h -> h.setBearerAuth(jwks.token())).exchange().expectStatus().isOk();
        for (String token : jwks.tokensWithRandomKids(200)) {
            StepVerifier.create(decoder.decode(token)).expectError(BadJwtException.class).verify(Duration.ofSeconds(5));
        }
        client.get().uri("/things").headers(h -> h.setBearerAuth(jwks.tokenWithRandomKid())).exchange()
                .expectStatus().isUnauthorized();

        assertThat(jwks.fetches()).isBetween(1, 2);
        RSAKey rotated = jwks.rotate("key-2");
        String signedWithNewKey = jwks.tokenSignedWith(rotated);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                client.get().uri("/things").headers(h -> h.setBearerAuth(signedWithNewKey)).exchange()
                        .expectStatus().isOk());
        assertThat(jwks.fetches()).isLessThanOrEqualTo(3);
    }
}
