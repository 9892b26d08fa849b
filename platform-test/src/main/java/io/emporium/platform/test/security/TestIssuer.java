package io.emporium.platform.test.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A stand-in for the identity service in a service's own tests: it publishes a JWKS on a local port, signs access
 * tokens shaped like identity's (docs/adr/0003) and answers the client-credentials grant for registered clients, so
 * that a service's real token checks and token requests run unchanged.
 * The system tests use the real identity service instead.
 */
public final class TestIssuer {

    public static final String ISSUER = "http://identity.test";

    private static TestIssuer shared;

    private final RSAKey key;
    private final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> issued = new ConcurrentHashMap<>();
    private final HttpServer jwksServer;

    private TestIssuer() {
        this.key = newKey("test-key-1");
        try {
            this.jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwksServer.createContext("/oauth2/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        jwksServer.createContext("/oauth2/token", this::token);
        jwksServer.start();
    }

    /** Lets a confidential client obtain client-credentials tokens from {@code /oauth2/token} with these scopes. */
    public void registerClient(String clientId, String secret, String... scopes) {
        clients.put(clientId, new RegisteredClient(secret, List.of(scopes)));
    }

    /** How many client-credentials tokens were issued to the client so far (a caller should cache its token). */
    public int tokensIssuedTo(String clientId) {
        return issued.getOrDefault(clientId, new AtomicInteger()).get();
    }

    private record RegisteredClient(String secret, List<String> scopes) {
    }

    /** Client credentials grant with client_secret_basic, like identity: the audience is named by the scopes. */
    private void token(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String[] credentials = authorization != null && authorization.startsWith("Basic ")
                ? new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8).split(":", 2)
                : new String[0];
        RegisteredClient client = credentials.length == 2
                ? clients.get(URLDecoder.decode(credentials[0], StandardCharsets.UTF_8)) : null;
        if (client == null || !client.secret().equals(URLDecoder.decode(credentials[1], StandardCharsets.UTF_8))
                || !form.contains("grant_type=client_credentials")) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String clientId = URLDecoder.decode(credentials[0], StandardCharsets.UTF_8);
        List<String> audience = client.scopes().stream().map(scope -> scope.substring(0, scope.indexOf('.')))
                .distinct().toList();
        String token = sign(claims(clientId, List.of("service")).audience(audience).claim("client_id", clientId)
                .claim("scope", String.join(" ", client.scopes())).build());
        issued.computeIfAbsent(clientId, id -> new AtomicInteger()).incrementAndGet();
        respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"scope\":\"" + String.join(" ", client.scopes()) + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** The issuer of this JVM, started on first use. */
    public static synchronized TestIssuer shared() {
        if (shared == null) {
            shared = new TestIssuer();
        }
        return shared;
    }

    /** Points the service's token checks ({@code emporium.security.*}) at this issuer. */
    public void registerWith(DynamicPropertyRegistry registry) {
        registry.add("emporium.security.issuer-uri", () -> ISSUER);
        registry.add("emporium.security.jwk-set-uri", this::jwks);
        registry.add("emporium.security.token-uri", () -> jwks().resolve("/oauth2/token").toString());
    }

    public URI jwks() {
        return URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/oauth2/jwks");
    }

    /** A valid token of a customer (audience {@code emporium-api}, role {@code customer}). */
    public String customer(String name) {
        return sign(claims(name, List.of("customer")).build());
    }

    /** A valid token of an administrator. */
    public String admin() {
        return sign(claims("admin", List.of("admin")).build());
    }

    /** The claims of a valid user token, to adjust before {@link #sign signing}. */
    public JWTClaimsSet.Builder claims(String subject, List<String> roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).audience(List.of("emporium-api"))
                .claim("roles", roles).claim("client_id", "emporium-cli").claim("scope", "openid profile")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).jwtID(UUID.randomUUID().toString());
    }

    /** Signs with this issuer's published key (RS256, with its {@code kid}). */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** Signs with a key this issuer never published: a token any resource server must refuse. */
    public String signWithUnknownKey(JWTClaimsSet claims) {
        return sign(claims, newKey("unknown-key"));
    }

    private static String sign(JWTClaimsSet claims, RSAKey signingKey) {
        return sign(claims, signingKey, signingKey.getKeyID());
    }

    /** The claims signed RS256 with {@code signingKey}, under the key id {@code kid} (which need not be the key's). */
    public static String sign(JWTClaimsSet claims, RSAKey signingKey, String kid) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A new 2048-bit RSA key with this key id. */
    public static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
