package io.emporium.identity;

import java.net.http.HttpResponse;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.emporium.identity.key.application.SigningKeyRing;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotating the signing key over {@code POST /admin/keys/rotate}: nobody is logged out, the JWKS keeps the retired
 * key exactly as long as a token it signed can be valid, and only an administrator may rotate.
 */
class KeyRotationIntegrationTest extends IdentityIntegrationTest {

    private static final String ROTATE = "/admin/keys/rotate";

    private final IdentityClient identity;
    private final SigningKeyRing keys;
    private final JdbcTemplate jdbc;

    KeyRotationIntegrationTest(@LocalServerPort int port, SigningKeyRing keys, JdbcTemplate jdbc) {
        this.identity = new IdentityClient(port);
        this.keys = keys;
        this.jdbc = jdbc;
    }

    @Test
    void rotationSignsNewTokensWithAFreshKeyAndKeepsTheOldOnePublishedUntilItsTokensHaveExpired() throws Exception {
        String adminToken = identity.accessToken("admin", "admin-dev-only");
        String tokenA = identity.accessToken("alice", "alice-dev-only");
        String kidA = IdentityClient.parse(tokenA).getHeader().getKeyID();

        HttpResponse<String> rotated = identity.post(ROTATE, adminToken);

        assertThat(rotated.statusCode()).as("rotate: %s", rotated.body()).isEqualTo(200);
        JsonNode rotation = IdentityClient.readJson(rotated.body());
        assertThat(rotation.get("retiredKid").asString()).isEqualTo(kidA);
        String kidB = rotation.get("activeKid").asString();
        assertThat(kidB).isNotEqualTo(kidA).isEqualTo(keys.active().kid());

        String tokenB = identity.serviceToken();
        assertThat(IdentityClient.parse(tokenB).getHeader().getKeyID()).isEqualTo(kidB);

        JWKSet jwks = identity.jwks();
        assertThat(jwks.getKeyByKeyId(kidA)).as("retired key still published").isNotNull();
        assertThat(jwks.getKeyByKeyId(kidB)).isNotNull();
        assertThat(verifies(tokenA, jwks)).isTrue();
        assertThat(verifies(tokenB, jwks)).isTrue();
        assertThat(identity.get("/userinfo", tokenA).statusCode()).as("alice's old token still works").isEqualTo(200);

        // the retired key's last tokens expired a second ago: 5 minutes of token lifetime plus 60 s of margin
        jdbc.update("update signing_key set created_at = created_at - interval '1 hour',"
                + " retired_at = now() - interval '361 seconds' where kid = ?", kidA);

        JWKSet later = identity.jwks();
        assertThat(later.getKeyByKeyId(kidA)).as("retired key gone once no valid token can name it").isNull();
        assertThat(later.getKeyByKeyId(kidB)).isNotNull();
        assertThat(verifies(tokenB, later)).isTrue();
    }

    @Test
    void rotationWithoutATokenIsA401Problem() {
        HttpResponse<String> response = identity.post(ROTATE, null);

        JsonNode problem = problem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(problem.get("detail").asString()).contains("access token");
    }

    @Test
    void rotationWithACustomersTokenIsA403Problem() {
        String before = keys.active().kid();

        HttpResponse<String> response = identity.post(ROTATE, identity.accessToken("alice", "alice-dev-only"));

        problem(response, 403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("insufficient_scope"));
        assertThat(keys.active().kid()).as("no rotation happened").isEqualTo(before);
    }

    @Test
    void rotationWithAServiceTokenIsA401ProblemForItIsNotMeantForIdentity() {
        HttpResponse<String> response = identity.post(ROTATE, identity.serviceToken());

        problem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("invalid_token"));
    }

    @Test
    void aTokenSignedWithSomeoneElsesKeyIsRefusedEvenWithTheRightKidAndRoles() throws Exception {
        RSAKey forger = new RSAKeyGenerator(2048).keyID(keys.active().kid()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(forger.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).subject("admin").audience("emporium-api")
                        .claim("roles", java.util.List.of("admin")).issueTime(new Date())
                        .expirationTime(new Date(System.currentTimeMillis() + 60_000))
                        .jwtID(UUID.randomUUID().toString()).build());
        forged.sign(new RSASSASigner(forger));

        problem(identity.post(ROTATE, forged.serialize()), 401);
    }

    @Test
    void actuatorHealthIsOpenAndTheRestNeedsAnAdministrator() {
        assertThat(identity.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        problem(identity.get("/actuator/loggers", null), 401);
        problem(identity.get("/actuator/loggers", identity.accessToken("bob", "bob-dev-only")), 403);
        assertThat(identity.get("/actuator/loggers", identity.accessToken("admin", "admin-dev-only")).statusCode())
                .isEqualTo(200);
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = IdentityClient.readJson(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("traceId").asString()).matches("[0-9a-f]{32}");
        return problem;
    }

    private static boolean verifies(String token, JWKSet jwks) throws Exception {
        SignedJWT jwt = IdentityClient.parse(token);
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        return key != null && jwt.verify(new RSASSAVerifier(key));
    }
}
