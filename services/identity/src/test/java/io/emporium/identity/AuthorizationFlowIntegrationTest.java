package io.emporium.identity;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.emporium.identity.IdentityClient.Authorization;
import io.emporium.identity.key.application.SigningKeyRing;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static io.emporium.identity.IdentityClient.CLI;
import static io.emporium.identity.IdentityClient.CLI_REDIRECT;
import static io.emporium.identity.IdentityClient.STOREFRONT;
import static io.emporium.identity.IdentityClient.STOREFRONT_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

/** Signing in and obtaining tokens over HTTP, as the command line, the storefront and the orders service do. */
class AuthorizationFlowIntegrationTest extends IdentityIntegrationTest {

    private final IdentityClient identity;
    private final SigningKeyRing keys;
    private final MeterRegistry meters;
    private final JdbcTemplate jdbc;

    AuthorizationFlowIntegrationTest(@LocalServerPort int port, SigningKeyRing keys, MeterRegistry meters,
            JdbcTemplate jdbc) {
        this.identity = new IdentityClient(port);
        this.keys = keys;
        this.meters = meters;
        this.jdbc = jdbc;
    }

    @Test
    void customerSignsInThroughTheCommandLineAndGetsAFiveMinuteTokenForTheApi() throws Exception {
        double successes = logins("success");

        JsonNode response = identity.signIn(CLI, CLI_REDIRECT, "openid profile", "alice", "alice-dev-only");
        SignedJWT token = IdentityClient.parse(response.get("access_token").asString());
        JWTClaimsSet claims = token.getJWTClaimsSet();

        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(token.getHeader().getKeyID()).isEqualTo(keys.active().kid());
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getAudience()).containsExactly("emporium-api");
        assertThat(claims.getStringListClaim("roles")).containsExactly("customer");
        assertThat(claims.getStringClaim("client_id")).isEqualTo(CLI);
        assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder("openid", "profile");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(response.get("expires_in").asLong()).isBetween(299L, 300L);
        assertThat(response.has("refresh_token")).as("the command line gets no refresh token").isFalse();
        assertThat(logins("success")).isEqualTo(successes + 1);
    }

    @Test
    void idTokenNamesTheClientAndCarriesTheRoles() throws Exception {
        JsonNode response = identity.signIn(CLI, CLI_REDIRECT, "openid profile", "admin", "admin-dev-only");
        SignedJWT idToken = IdentityClient.parse(response.get("id_token").asString());

        assertThat(idToken.getHeader().getKeyID()).isEqualTo(keys.active().kid());
        assertThat(idToken.getJWTClaimsSet().getAudience()).containsExactly(CLI);
        assertThat(idToken.getJWTClaimsSet().getSubject()).isEqualTo("admin");
        assertThat(idToken.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("admin");
        assertThat(IdentityClient.parse(response.get("access_token").asString()).getJWTClaimsSet()
                .getStringListClaim("roles")).containsExactly("admin");
    }

    @Test
    void wrongPasswordGivesNoCodeAndIsCountedAsAFailedSignIn() {
        double failures = logins("failure");

        Authorization authorization = identity.authorize(CLI, CLI_REDIRECT, "openid profile", "bob", "not-bobs-password");

        assertThat(authorization.code()).isEmpty();
        assertThat(logins("failure")).isEqualTo(failures + 1);
    }

    @Test
    void unknownUserIsAFailedSignInToo() {
        double failures = logins("failure");

        assertThat(identity.authorize(CLI, CLI_REDIRECT, "openid", "mallory", "guess").code()).isEmpty();
        assertThat(logins("failure")).isEqualTo(failures + 1);
    }

    @Test
    void codeIsRefusedWithoutTheRightPkceVerifier() {
        Authorization authorization = identity.authorize(CLI, CLI_REDIRECT, "openid", "alice", "alice-dev-only");

        HttpResponse<String> response = identity.exchange(CLI,
                new Authorization(authorization.code(), "a-verifier-that-does-not-match-the-challenge-0123456789",
                        authorization.redirectUri()));

        assertThat(response.statusCode()).isIn(400, 401);
        assertThat(IdentityClient.readJson(response.body()).get("error").asString()).isIn("invalid_grant", "invalid_client");
    }

    @Test
    void ordersServiceGetsATokenForTheCatalogOnly() throws Exception {
        SignedJWT token = IdentityClient.parse(identity.serviceToken());
        JWTClaimsSet claims = token.getJWTClaimsSet();

        assertThat(token.getHeader().getKeyID()).isEqualTo(keys.active().kid());
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getSubject()).isEqualTo("orders-service");
        assertThat(claims.getAudience()).containsExactly("catalog");
        assertThat(claims.getStringListClaim("roles")).containsExactly("service");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("orders-service");
        assertThat(claims.getStringListClaim("scope")).containsExactly("catalog.read");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void ordersServiceWithAWrongSecretGetsNoToken() {
        HttpResponse<String> response = identity.clientCredentials("orders-service", "wrong", "catalog.read", Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(IdentityClient.readJson(response.body()).get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void ordersServiceCannotAskForAScopeItWasNotGiven() {
        HttpResponse<String> response = identity.clientCredentials("orders-service", IdentityClient.ORDERS_SECRET,
                "payments.write", Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IdentityClient.readJson(response.body()).get("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    void storefrontRefreshesWithASingleUseRefreshToken() throws Exception {
        JsonNode first = identity.signIn(STOREFRONT, STOREFRONT_REDIRECT, "openid profile offline_access", "bob",
                "bob-dev-only");
        String refreshToken = first.get("refresh_token").asString();

        HttpResponse<String> refreshed = identity.refresh(STOREFRONT, refreshToken);
        assertThat(refreshed.statusCode()).as("refresh: %s", refreshed.body()).isEqualTo(200);
        JsonNode second = IdentityClient.readJson(refreshed.body());
        JWTClaimsSet claims = IdentityClient.parse(second.get("access_token").asString()).getJWTClaimsSet();

        assertThat(claims.getSubject()).isEqualTo("bob");
        assertThat(claims.getAudience()).containsExactly("emporium-api");
        assertThat(claims.getStringListClaim("roles")).containsExactly("customer");
        assertThat(claims.getStringClaim("client_id")).isEqualTo(STOREFRONT);
        assertThat(claims.getStringListClaim("scope")).contains("offline_access");
        assertThat(second.get("refresh_token").asString()).isNotEqualTo(refreshToken);

        HttpResponse<String> reused = identity.refresh(STOREFRONT, refreshToken);
        assertThat(reused.statusCode()).as("a used refresh token is spent").isEqualTo(400);
        assertThat(IdentityClient.readJson(reused.body()).get("error").asString()).isEqualTo("invalid_grant");
        assertThat(identity.refresh(STOREFRONT, second.get("refresh_token").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void storefrontRefreshTokenLivesEightHours() {
        JsonNode response = identity.signIn(STOREFRONT, STOREFRONT_REDIRECT, "openid offline_access", "alice",
                "alice-dev-only");

        Long lifetime = jdbc.queryForObject("select extract(epoch from refresh_token_expires_at - refresh_token_issued_at)"
                + "::bigint from oauth2_authorization where refresh_token_value = ?", Long.class,
                response.get("refresh_token").asString());

        assertThat(Duration.ofSeconds(lifetime)).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void storefrontGetsNoRefreshTokenWithoutOfflineAccess() {
        JsonNode response = identity.signIn(STOREFRONT, STOREFRONT_REDIRECT, "openid profile", "alice",
                "alice-dev-only");

        assertThat(response.has("refresh_token")).isFalse();
    }

    @Test
    void aRefreshTokenIsUselessToAnotherClient() {
        String refreshToken = identity.signIn(STOREFRONT, STOREFRONT_REDIRECT, "openid offline_access", "alice",
                "alice-dev-only").get("refresh_token").asString();

        HttpResponse<String> asCli = identity.refresh(CLI, refreshToken);
        assertThat(asCli.statusCode()).as("refresh as another public client: %s", asCli.body()).isEqualTo(400);
        assertThat(IdentityClient.readJson(asCli.body()).get("error").asString()).isEqualTo("invalid_grant");

        HttpResponse<String> unknown = identity.refresh("no-such-client", refreshToken);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(IdentityClient.readJson(unknown.body()).get("error").asString()).isEqualTo("invalid_client");

        HttpResponse<String> confidential = identity.refresh("orders-service", refreshToken);
        assertThat(confidential.statusCode()).as("a confidential client must prove itself").isEqualTo(401);

        HttpResponse<String> anonymous = identity.token(Map.of("grant_type", "refresh_token", "refresh_token",
                refreshToken), Map.of());
        assertThat(anonymous.statusCode()).as("without a client id").isEqualTo(401);

        assertThat(identity.refresh(STOREFRONT, refreshToken).statusCode()).as("still good for its own client")
                .isEqualTo(200);
    }

    @Test
    void theCommandLineIsNotRegisteredForRefresh() {
        String refreshToken = identity.signIn(STOREFRONT, STOREFRONT_REDIRECT, "openid offline_access", "alice",
                "alice-dev-only").get("refresh_token").asString();
        jdbc.update("update oauth2_authorization set registered_client_id = 'emporium-cli' where refresh_token_value = ?",
                refreshToken);

        HttpResponse<String> response = identity.refresh(CLI, refreshToken);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IdentityClient.readJson(response.body()).get("error").asString()).isEqualTo("unauthorized_client");
    }

    @Test
    void tokenRequestedWithADPoPProofIsBoundToTheClientKey() throws Exception {
        ECKey clientKey = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        SignedJWT proof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(clientKey.toPublicJWK()).build(),
                new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).issueTime(new Date())
                        .claim("htm", "POST").claim("htu", identity.base() + "/oauth2/token").build());
        proof.sign(new ECDSASigner(clientKey));

        HttpResponse<String> response = identity.clientCredentials("orders-service", IdentityClient.ORDERS_SECRET,
                "catalog.read", Map.of("DPoP", proof.serialize()));

        assertThat(response.statusCode()).as("DPoP token request: %s", response.body()).isEqualTo(200);
        JsonNode body = IdentityClient.readJson(response.body());
        assertThat(body.get("token_type").asString()).isEqualTo("DPoP");
        Map<String, Object> cnf = IdentityClient.parse(body.get("access_token").asString()).getJWTClaimsSet()
                .getJSONObjectClaim("cnf");
        assertThat(cnf).containsEntry("jkt", clientKey.computeThumbprint().toString());
    }

    @Test
    void discoveryNamesTheIssuerAndItsKeys() {
        JsonNode discovery = IdentityClient.readJson(identity.get("/.well-known/openid-configuration", null).body());

        assertThat(discovery.get("issuer").asString()).isEqualTo(ISSUER);
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(identity.jwks().getKeys()).allSatisfy(key -> {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        });
        assertThat(identity.jwks().getKeyByKeyId(keys.active().kid())).isNotNull();
    }

    @Test
    void userInfoAnswersWithTheUsersAccessToken() {
        String token = identity.accessToken("alice", "alice-dev-only");

        HttpResponse<String> userInfo = identity.get("/userinfo", token);

        assertThat(userInfo.statusCode()).as("userinfo: %s", userInfo.body()).isEqualTo(200);
        assertThat(IdentityClient.readJson(userInfo.body()).get("sub").asString()).isEqualTo("alice");
    }

    @Test
    void loginPageCarriesACsrfTokenAndTheSessionCookieHasItsOwnName() {
        HttpResponse<String> page = identity.get("/login", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsPattern("<input[^>]*name=\"_csrf\"[^>]*type=\"hidden\"");
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("EMPORIUM_IDENTITY_SESSION="));
    }

    private double logins(String outcome) {
        return meters.get("emporium.security.logins").tag("outcome", outcome).counter().count();
    }
}
