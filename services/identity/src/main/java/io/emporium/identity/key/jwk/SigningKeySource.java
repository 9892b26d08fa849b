package io.emporium.identity.key.jwk;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.emporium.identity.key.application.SigningKeyRing;
import io.emporium.identity.key.model.SigningKey;

/**
 * The issuer's keys as JWKs, read from the key ring on every call, so that every instance signs with the key
 * that is active now and publishes ({@code /oauth2/jwks}) exactly the keys a verifier may need now: the active one
 * and those retired within the retention. The token encoder picks its signing key by the {@code kid} header the
 * token customizer sets.
 *
 * <p>Key material never changes for a kid, so the JWK of each kid is built once and kept while it is published.
 * Resource servers cache the JWKS and read it again when they meet an unknown kid; nothing here needs to push.
 */
public final class SigningKeySource implements JWKSource<SecurityContext> {

    private final SigningKeyRing ring;
    private final Map<String, RSAKey> jwks = new ConcurrentHashMap<>();

    public SigningKeySource(SigningKeyRing ring) {
        this.ring = ring;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<SigningKey> published = ring.published();
        Set<String> kids = published.stream().map(SigningKey::kid).collect(Collectors.toSet());
        jwks.keySet().retainAll(kids);
        List<JWK> keys = published.stream().<JWK>map(key -> jwks.computeIfAbsent(key.kid(), kid -> jwk(key))).toList();
        return selector.select(new JWKSet(keys));
    }

    private static RSAKey jwk(SigningKey key) {
        return new RSAKey.Builder(key.publicKey()).privateKey(key.privateKey()).keyID(key.kid())
                .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).issueTime(Date.from(key.createdAt()))
                .build();
    }
}
