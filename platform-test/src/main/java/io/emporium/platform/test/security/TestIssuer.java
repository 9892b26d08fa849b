package io.emporium.platform.test.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A stand-in for the identity service in a service's own tests: it publishes a JWKS on a local port and signs
 * access tokens shaped like identity's (docs/adr/0003), so that a service's real token checks run unchanged.
 * The system tests use the real identity service instead.
 */
public final class TestIssuer {

    public static final String ISSUER = "http://identity.test";

    private static TestIssuer shared;

    private final RSAKey key;
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
        jwksServer.start();
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
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
