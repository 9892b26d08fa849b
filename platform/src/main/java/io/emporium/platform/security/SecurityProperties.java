package io.emporium.platform.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a resource server checks access tokens ({@code emporium.security.*}). See docs/adr/0003.
 *
 * @param issuerUri   the only issuer whose tokens are accepted ({@code iss} must equal it)
 * @param jwkSetUri   where the issuer's public keys are read, by default {@code <issuer>/oauth2/jwks}; read lazily on
 *                    the first token and again whenever a token names an unknown key id
 * @param audiences   audiences accepted besides the service's own name ({@code spring.application.name})
 * @param clockSkew   tolerance for {@code exp} and {@code nbf} between this machine's clock and the issuer's
 * @param keysConnectTimeout how long fetching the keys may take to connect (default 1s)
 * @param keysReadTimeout    how long fetching the keys may wait for the answer (default 3s); past either, the
 *                           request whose token needed them is answered 503 with Retry-After, instead of hanging
 * @param jwksRefreshMinInterval how often, at most, an unknown key id makes the service fetch the keys again (default
 *                           10s): a storm of tokens naming made-up key ids costs the issuer one fetch per interval per
 *                           service instance (two in the first), not one per token; such tokens are refused (401) from
 *                           the keys already known. A key the issuer really rotated in is picked up by the first token
 *                           naming it once the interval has passed (and whenever the cached keys expire, after 5 min): a key rotated in while
 *                           made-up key ids are arriving is accepted at most one interval late, which is why the
 *                           interval is short; identity publishing its next key ahead of use would remove that wait.
 */
@ConfigurationProperties("emporium.security")
public record SecurityProperties(@DefaultValue("http://localhost:9000") URI issuerUri, @Nullable URI jwkSetUri,
        @DefaultValue("emporium-api") List<String> audiences, @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("1s") Duration keysConnectTimeout, @DefaultValue("3s") Duration keysReadTimeout,
        @DefaultValue("10s") Duration jwksRefreshMinInterval) {

    static final Duration DEFAULT_JWKS_REFRESH_MIN_INTERVAL = Duration.ofSeconds(10);

    @ConstructorBinding
    public SecurityProperties {
    }

    /** Everything but the refresh interval, which gets its default: for issuers that check their own tokens. */
    public SecurityProperties(URI issuerUri, @Nullable URI jwkSetUri, List<String> audiences, Duration clockSkew,
            Duration keysConnectTimeout, Duration keysReadTimeout) {
        this(issuerUri, jwkSetUri, audiences, clockSkew, keysConnectTimeout, keysReadTimeout,
                DEFAULT_JWKS_REFRESH_MIN_INTERVAL);
    }

    public URI jwks() {
        return jwkSetUri != null ? jwkSetUri : URI.create(issuerUri.toString().replaceAll("/+$", "") + "/oauth2/jwks");
    }
}
