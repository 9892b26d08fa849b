package io.emporium.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.emporium.system.Api.get;
import static io.emporium.system.Api.idOf;
import static io.emporium.system.Api.json;
import static io.emporium.system.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Security of the running system, from the outside: tokens from the identity service through the standard flow
 * ({@code ./emporium token}), checked by the gateway and again by each service.
 */
@Order(3)
@ExtendWith(RunningSystem.class)
class SecuritySystemTest {

    @Test
    void withoutATokenTheApiAnswers401ButTheCatalogIsPublic() {
        HttpResponse<String> orders = get("/api/orders", null);
        assertThat(orders.statusCode()).isEqualTo(401);
        assertThat(orders.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(orders.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(get("/api/payments/orders/" + UUID.randomUUID(), null).statusCode()).isEqualTo(401);
        assertThat(get("/api/catalog/products/1", null).statusCode()).isEqualTo(200);
    }

    @Test
    void forgedExpiredOrMisdirectedTokensAre401AtTheGatewayAndAtEachService() throws Exception {
        SigningKey active = activeSigningKey();
        RSAPrivateKey identityKey = active.privateKey();
        String kid = active.kid();
        Instant now = Instant.now();
        List<String> refused = List.of(
                // expired, though signed by identity's own key
                sign(claims("alice").issueTime(Date.from(now.minusSeconds(900))).notBeforeTime(Date.from(now.minusSeconds(900)))
                        .expirationTime(Date.from(now.minusSeconds(600))).build(), identityKey, kid),
                // another issuer
                sign(claims("alice").issuer("http://evil.example").build(), identityKey, kid),
                // another audience
                sign(claims("alice").audience("somebody-else").build(), identityKey, kid),
                // a key identity never published, under its own kid and under identity's
                sign(claims("alice").build(), new RSAKeyGenerator(2048).generate().toRSAPrivateKey(), "unknown"),
                sign(claims("admin").build(), new RSAKeyGenerator(2048).generate().toRSAPrivateKey(), kid),
                // alg none
                new PlainJWT(claims("admin").build()).serialize(),
                // a real token whose payload was changed (customer -> admin)
                tamper(token("alice")));
        for (String forged : refused) {
            assertThat(get("/api/orders", forged).statusCode()).as(forged).isEqualTo(401);
            assertThat(direct("http://127.0.0.1:8082/api/orders", forged).statusCode()).isEqualTo(401);
            assertThat(direct("http://127.0.0.1:8084/api/payments/orders/" + UUID.randomUUID(), forged)
                    .statusCode()).isEqualTo(401);
        }
        // the control: identity's key with correct claims is accepted, so the refusals above were for the claims
        assertThat(get("/api/orders", sign(claims("alice").build(), identityKey, kid)).statusCode()).isEqualTo(200);
    }

    @Test
    void aServiceCalledDirectlyWithoutATokenAnswers401() {
        for (String url : List.of("http://127.0.0.1:8082/api/orders", "http://127.0.0.1:8083/api/inventory/stock/SKU-000001",
                "http://127.0.0.1:8084/api/payments/orders/" + UUID.randomUUID(),
                "http://127.0.0.1:8085/api/shipping/orders/" + UUID.randomUUID(),
                "http://127.0.0.1:8086/api/notifications?customer=alice")) {
            assertThat(direct(url, null).statusCode()).as(url).isEqualTo(401);
        }
    }

    @Test
    void aCustomerSeesOnlyTheirOwnOrderAndAnotherCustomersOrderIsNotFound() {
        String id = idOf(Api.placeOrder("alice", "SKU-000301", 1));

        HttpResponse<String> asBob = get("/api/orders/" + id, token("bob"));
        HttpResponse<String> unknown = get("/api/orders/" + UUID.randomUUID(), token("bob"));

        assertThat(asBob.statusCode()).isEqualTo(404).isEqualTo(unknown.statusCode());
        assertThat(get("/api/orders/" + id, token("alice")).statusCode()).isEqualTo(200);
        assertThat(get("/api/orders/" + id, token("admin")).statusCode()).isEqualTo(200);
        JsonNode order = Api.awaitFinal(id, Duration.ofSeconds(60));
        assertThat(order.get("customerId").asString()).isEqualTo("alice");
        assertThat(get("/api/payments/orders/" + id, token("bob")).statusCode()).isEqualTo(404);
        assertThat(get("/api/shipping/orders/" + id, token("bob")).statusCode()).isEqualTo(404);
        assertThat(get("/api/payments/orders/" + id, token("alice")).statusCode()).isEqualTo(200);
    }

    @Test
    void aCustomerIsForbiddenAdminOperationsAndAnAdminIsAllowed() {
        HttpRequest.Builder rebuild = HttpRequest.newBuilder(URI.create(Api.GATEWAY + "/api/orders/admin/read-model/rebuild"))
                .POST(BodyPublishers.noBody());
        HttpResponse<String> asCustomer = Api.send(Api.authorized(rebuild.copy(), token("alice")).build());
        assertThat(asCustomer.statusCode()).isEqualTo(403);
        assertThat(asCustomer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpRequest.Builder stock = HttpRequest.newBuilder(URI.create(Api.GATEWAY + "/api/inventory/stock/SKU-000399"))
                .header("Content-Type", "application/json").PUT(BodyPublishers.ofString("{\"available\":5}"));
        assertThat(Api.send(Api.authorized(stock.copy(), token("bob")).build()).statusCode()).isEqualTo(403);
        // the service says the same when asked directly
        assertThat(Api.send(Api.authorized(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:8082/api/orders/admin/read-model/rebuild")).POST(BodyPublishers.noBody()),
                token("alice")).build()).statusCode()).isEqualTo(403);

        assertThat(Api.send(Api.authorized(rebuild.copy(), token("admin")).build()).statusCode()).isEqualTo(202);
    }

    @Test
    void aClientOverItsRateLimitGets429WithRetryAfterAfterTheConfiguredBurst() throws Exception {
        String bobs = token("bob");
        int burst = 100; // services/gateway application.yaml: emporium.gateway.rate-limit.burst-capacity
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        AtomicBoolean limited = new AtomicBoolean();
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 1500; i++) {
                responses.add(clients.submit(() -> {
                    if (limited.get()) {
                        return null;
                    }
                    HttpResponse<String> response = get("/api/orders", bobs);
                    limited.compareAndSet(false, response.statusCode() == 429);
                    return response;
                }));
            }
        }
        List<HttpResponse<String>> sent = new ArrayList<>();
        for (Future<HttpResponse<String>> response : responses) {
            if (response.get() != null) {
                sent.add(response.get());
            }
        }
        List<HttpResponse<String>> tooMany = sent.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(tooMany).as("some requests beyond the burst were refused").isNotEmpty();
        assertThat(sent.stream().filter(r -> r.statusCode() == 200).count()).isGreaterThanOrEqualTo(burst);
        HttpResponse<String> refused = tooMany.getFirst();
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        assertThat(json.readTree(refused.body()).get("status").asInt()).isEqualTo(429);
        // another client is not affected, and bob is served again once his bucket has refilled
        assertThat(get("/api/orders", token("alice")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/api/orders", bobs).statusCode() == 200);
    }

    @Test
    void rotatingIdentitysSigningKeyKeepsEarlierTokensValidUntilTheyExpire() throws Exception {
        String before = Api.newToken("alice");
        HttpResponse<String> rotated = Api.send(Api.authorized(HttpRequest.newBuilder(
                URI.create(Api.IDENTITY + "/admin/keys/rotate")).POST(BodyPublishers.noBody()), token("admin")).build());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String after = Api.newToken("alice");

        assertThat(kidOf(after)).isNotEqualTo(kidOf(before));
        // the earlier token is valid at once; the new key is fetched by the first token naming it, which may wait for
        // the end of the current refresh interval (emporium.security.jwks-refresh-min-interval, 10 s) if another test
        // just had every service refresh for made-up key ids
        assertThat(get("/api/orders", before).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String token : List.of(before, after)) {
                assertThat(get("/api/orders", token).statusCode()).isEqualTo(200);
                assertThat(direct("http://127.0.0.1:8082/api/orders", token).statusCode()).isEqualTo(200);
                assertThat(direct("http://127.0.0.1:8084/api/payments/orders/" + UUID.randomUUID(), token)
                        .statusCode()).isEqualTo(404);
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static HttpResponse<String> direct(String url, String token) {
        return Api.send(Api.authorized(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)), token)
                .build());
    }

    private static JWTClaimsSet.Builder claims(String user) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("http://localhost:9000").subject(user).audience("emporium-api")
                .claim("roles", List.of(user.equals("admin") ? "admin" : "customer")).claim("scope", "openid profile")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(JWTClaimsSet claims, RSAPrivateKey key, String kid) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String kidOf(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"customer\"", "\"admin\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private record SigningKey(String kid, RSAPrivateKey privateKey) {
    }

    /** Identity's active private key, from its database (DEV ONLY: in production keys live in a KMS). */
    private static SigningKey activeSigningKey() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5433/identity", "postgres", "");
                ResultSet key = db.createStatement()
                        .executeQuery("select kid, private_key_pem from signing_key where retired_at is null")) {
            assertThat(key.next()).as("identity has an active signing key").isTrue();
            String pem = key.getString(2).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return new SigningKey(key.getString(1), (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem))));
        }
    }
}
