package io.emporium.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An issuer's JWKS endpoint on a local port that counts how often it is fetched and whose key can be rotated, for
 * the tests of how often a resource server fetches the keys. Declared as a static {@code @RegisterExtension} field,
 * it stops after the test class.
 */
final class RotatingJwks implements AutoCloseable, AfterAllCallback {

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<RSAKey> published = new AtomicReference<>(newKey("key-1"));

    RotatingJwks() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/oauth2/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = new JWKSet(published.get().toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks");
    }

    /** Points {@code emporium.security.jwk-set-uri} at this endpoint. */
    void registerWith(DynamicPropertyRegistry registry) {
        registry.add("emporium.security.jwk-set-uri", () -> uri().toString());
    }

    int fetches() {
        return fetches.get();
    }

    /** Publishes a new key in place of the old one and returns it (the issuer rotated its key). */
    RSAKey rotate(String kid) {
        RSAKey key = newKey(kid);
        published.set(key);
        return key;
    }

    /** A valid customer token signed with the published key. */
    String token() {
        return sign(published.get(), published.get().getKeyID());
    }

    /** A token signed with the published key, but naming a random key id: what an attacker sends. */
    String tokenWithRandomKid() {
        return sign(published.get(), UUID.randomUUID().toString());
    }

    /** That many tokens naming random key ids: a storm of them. */
    List<String> tokensWithRandomKids(int count) {
        List<String> storm = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            storm.add(tokenWithRandomKid());
        }
        return storm;
    }

    String tokenSignedWith(RSAKey key) {
        return sign(key, key.getKeyID());
    }

    private static String sign(RSAKey key, String kid) {
        return TestIssuer.sign(TestIssuer.shared().claims("alice", List.of("customer")).build(), key, kid);
    }

    private static RSAKey newKey(String kid) {
        return TestIssuer.newKey(kid);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
