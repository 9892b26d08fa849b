package io.emporium.platform.security;

import java.time.Duration;

import com.nimbusds.jose.jwk.RSAKey;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tokens naming made-up key ids cost the issuer at most one JWKS fetch per
 * {@code emporium.security.jwks-refresh-min-interval} (servlet resource server), and are refused as invalid (401);
 * a key the issuer really rotated in is accepted once the interval has passed.
 */
@SpringBootTest(properties = { "spring.application.name=things", "management.health.kafka.enabled=false",
        "emporium.security.issuer-uri=" + TestIssuer.ISSUER, "emporium.security.jwks-refresh-min-interval=3s" })
@AutoConfigureMockMvc
class JwksRefreshLimitTest {

    @RegisterExtension
    static final RotatingJwks jwks = new RotatingJwks();

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        jwks.registerWith(registry);
    }

    @Autowired
    JwtDecoder decoder;

    @Autowired
    MockMvc mvc;

    @Test
    void aStormOfUnknownKeyIdsFetchesTheKeysAtMostOncePerIntervalAndARotatedKeyIsAcceptedAfterIt() throws Exception {
        mvc.perform(get("/things").header("Authorization", "Bearer " + jwks.token())).andExpect(status().isOk());
        for (String token : jwks.tokensWithRandomKids(200)) {
            // BadJwtException is "this token is invalid" (401), not "the keys are unreachable" (503)
            assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class);
        }
        mvc.perform(get("/things").header("Authorization", "Bearer " + jwks.tokenWithRandomKid()))
                .andExpect(status().isUnauthorized());

        assertThat(jwks.fetches()).isBetween(1, 2);
        RSAKey rotated = jwks.rotate("key-2");
        String signedWithNewKey = jwks.tokenSignedWith(rotated);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                mvc.perform(get("/things").header("Authorization", "Bearer " + signedWithNewKey))
                        .andExpect(status().isOk()));
        assertThat(jwks.fetches()).isLessThanOrEqualTo(3);
    }

    // no database here (JDBC is on the platform's test classpath for the messaging tests); shared by the security
    // tests that need only an endpoint behind the token check
    @SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @RestController
    static class TestApplication {

        @GetMapping("/things")
        String things() {
            return "things";
        }
    }
}
