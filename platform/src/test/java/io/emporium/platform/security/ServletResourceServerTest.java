package io.emporium.platform.security;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.nio.charset.StandardCharsets;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.emporium.platform.security.servlet.AccessRules;
import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.security.TestIssuer;
import io.emporium.platform.test.web.TestHttp;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static io.emporium.platform.test.web.TestHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A servlet service checks every token itself: signature (RS256 with a published key), issuer, audience, expiry and
 * not-before; refusals are 401/403 problems and counted security events that never contain the token.
 */
// spring-kafka is on the platform's test classpath, but no broker runs for this test: its health indicator is off
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.application.name=things", "management.health.kafka.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
@TestInfrastructure
class ServletResourceServerTest {

    private static final TestIssuer issuer = TestIssuer.shared();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private TestHttp http;

    @BeforeEach
    void http() {
        http = new TestHttp(port);
    }

    @Test
    void aRequestWithoutTokenIsA401ProblemWithABearerChallenge() throws Exception {
        HttpResponse<String> response = http.get("/things/mine", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body(response).get("detail").asString()).contains("access token");
        assertThat(events("authentication-failure", "missing-token")).isPositive();
    }

    @Test
    void aValidTokenNamesTheCaller() throws Exception {
        HttpResponse<String> response = http.get("/things/mine", issuer.customer("alice"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).get("subject").asString()).isEqualTo("alice");
        assertThat(body(response).get("admin").asBoolean()).isFalse();
    }

    @Test
    void everyLogLineOfTheRequestNamesTheVerifiedCaller() throws Exception {
        HttpResponse<String> response = http.get("/things/log-context", issuer.customer("alice"));
        assertThat(response.body()).isEqualTo("alice");
        assertThat(http.get("/public/things", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aServiceTokenForThisServiceIsAccepted() throws Exception {
        String token = issuer.sign(issuer.claims("orders-service", List.of("service")).audience("things").build());
        assertThat(http.get("/things/mine", token).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesTokensThatFailAnyCheck(CapturedOutput output) throws Exception {
        Instant now = Instant.now();
        String expired = issuer.sign(issuer.claims("alice", List.of("customer"))
                .issueTime(Date.from(now.minusSeconds(600))).notBeforeTime(Date.from(now.minusSeconds(600)))
                .expirationTime(Date.from(now.minusSeconds(300))).build());
        String notYetValid = issuer.sign(issuer.claims("alice", List.of("customer"))
                .notBeforeTime(Date.from(now.plusSeconds(120))).build());
        String noExpiry = issuer.sign(issuer.claims("alice", List.of("customer")).expirationTime(null).build());
        String wrongIssuer = issuer.sign(issuer.claims("alice", List.of("customer")).issuer("http://evil.test").build());
        String wrongAudience = issuer.sign(issuer.claims("alice", List.of("customer")).audience("payments").build());
        String unknownKey = issuer.signWithUnknownKey(issuer.claims("alice", List.of("customer")).build());
        String tampered = tamper(issuer.customer("alice"));
        String unsigned = new PlainJWT(issuer.claims("alice", List.of("admin")).build()).serialize();
        String hmac = hmac(issuer.claims("alice", List.of("admin")).build());

        assertRefused(expired, "expired");
        assertRefused(notYetValid, "not-yet-valid");
        assertRefused(noExpiry, "missing-expiry");
        assertRefused(wrongIssuer, "wrong-issuer");
        assertRefused(wrongAudience, "wrong-audience");
        assertRefused(unknownKey, "bad-signature");
        assertRefused(tampered, "bad-signature");
        assertRefused(unsigned, null);
        assertRefused(hmac, null);
        assertRefused("not-a-jwt", null);

        for (String token : List.of(expired, wrongIssuer, unknownKey, tampered, unsigned, hmac)) {
            assertThat(output.getAll()).doesNotContain(token).doesNotContain(token.substring(token.indexOf('.') + 1));
        }
        assertThat(output.getAll()).contains("authentication-failure GET /things/mine: expired");
    }

    @Test
    void aCustomerIsForbiddenWhereAnAdminIsAllowed() throws Exception {
        HttpResponse<String> forbidden = http.get("/admin/things", issuer.customer("alice"));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(body(forbidden).get("status").asInt()).isEqualTo(403);
        assertThat(events("access-denied", "insufficient-role")).isPositive();
        assertThat(http.get("/admin/things", issuer.admin()).statusCode()).isEqualTo(200);
    }

    @Test
    void aServicesOwnRefusalIsA403ProblemAndASecurityEvent() throws Exception {
        HttpResponse<String> refused = http.get("/things/of/bob", issuer.customer("alice"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body(refused).get("detail").asString()).isEqualTo("A customer sees only their own things.");
        assertThat(body(refused).get("traceId").asString()).matches("[0-9a-f]{32}");
        assertThat(events("access-denied", "not-permitted")).isPositive();
        assertThat(http.get("/things/of/bob", issuer.customer("bob")).statusCode()).isEqualTo(200);
    }

    @Test
    void probesAreOpenButOtherManagementEndpointsAreForAdmins() throws Exception {
        assertThat(http.get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/loggers", null).statusCode()).isEqualTo(401);
        assertThat(http.get("/actuator/loggers", issuer.customer("alice")).statusCode()).isEqualTo(403);
        assertThat(http.get("/actuator/loggers", issuer.admin()).statusCode()).isEqualTo(200);
    }

    @Test
    void aServiceMayOpenItsOwnPublicPaths() throws Exception {
        assertThat(http.get("/public/things", null).statusCode()).isEqualTo(200);
        // a token that is presented is still checked, even on an open path
        assertThat(http.get("/public/things", "not-a-jwt").statusCode()).isEqualTo(401);
    }

    private void assertRefused(String token, String reason) throws Exception {
        HttpResponse<String> response = http.get("/things/mine", token);
        assertThat(response.statusCode()).as("status for a token that should be refused for %s", reason)
                .isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
        if (reason != null) {
            assertThat(body(response).get("detail").asString()).contains(reason);
        }
    }

    private double events(String type, String reason) {
        var counter = meters.find("emporium.security.events").tag("type", type).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"customer\"", "\"admin\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static String hmac(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("test-key-1").build(), claims);
        jwt.sign(new MACSigner("an-attacker-chosen-secret-of-at-least-256-bits!!".getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    // no database here (JDBC is on the platform's test classpath for the messaging tests)
    @SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @Import(ThingController.class)
    static class TestApplication {

        @Bean
        AccessRules thingRules() {
            return rules -> rules.requestMatchers("/public/**").permitAll()
                    .requestMatchers("/admin/**").hasRole("ADMIN");
        }
    }

    @RestController
    static class ThingController {

        record Me(String subject, boolean admin) {
        }

        @GetMapping("/things/mine")
        Me mine(Caller caller) {
            return new Me(caller.subject(), caller.isAdmin());
        }

        @GetMapping("/things/log-context")
        String logContext() {
            return String.valueOf(MDC.get("user.id"));
        }

        @GetMapping("/things/of/{customer}")
        List<String> of(@PathVariable String customer, Caller caller) {
            if (!caller.mayActFor(customer)) {
                throw new AccessDeniedException("A customer sees only their own things.");
            }
            return List.of("a");
        }

        @GetMapping("/admin/things")
        List<String> all() {
            return List.of("a", "b");
        }

        @GetMapping("/public/things")
        List<String> open() {
            return List.of("a");
        }
    }
}
