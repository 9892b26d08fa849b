package io.emporium.platform.security.servlet;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import org.jspecify.annotations.Nullable;

/**
 * Where a servlet resource server reads the issuer's public keys, built from Nimbus' own pieces: its cache (keys kept
 * {@link JWKSourceBuilder#DEFAULT_CACHE_TIME_TO_LIVE 5 min}, refreshed when a token names a key id it does not hold,
 * concurrent refreshes coalesced) over its rate limiter (at most two fetches per interval) over the JWKS URL, fetched
 * with connect and read timeouts.
 *
 * <p>A token with a made-up key id therefore costs the issuer nothing once the limiter has used up its interval: the
 * refresh it asks for is answered with the keys fetched last, none of which matches, and the token is refused as
 * invalid (401), not as "the keys are unreachable" (503). Only while no keys were ever fetched (the issuer is still
 * starting) does every such request ask the issuer, so a service is usable as soon as its issuer is.
 */
final class IssuerKeys {

    private IssuerKeys() {
    }

    static JWKSource<SecurityContext> fetchedFrom(URI jwks, Duration connectTimeout, Duration readTimeout,
            Duration minRefreshInterval) {
        URLBasedJWKSetSource<SecurityContext> url;
        try {
            url = new URLBasedJWKSetSource<>(jwks.toURL(), new DefaultResourceRetriever((int) connectTimeout.toMillis(),
                    (int) readTimeout.toMillis(), JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT));
        }
        catch (MalformedURLException | IllegalArgumentException ex) {
            throw new IllegalArgumentException("emporium.security.jwk-set-uri is not a URL: " + jwks, ex);
        }
        JWKSetSource<SecurityContext> limited = new LastKeysWhenRateLimited(
                new RateLimitedJWKSetSource<>(url, minRefreshInterval.toMillis(), null), url);
        return JWKSourceBuilder.create(limited)
                .cache(JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE, JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                .refreshAheadCache(false).rateLimited(false).retrying(false).outageTolerant(false).build();
    }

    /**
     * Between the cache and the rate limiter: a fetch the limiter refuses is answered with the keys fetched last.
     * Until a fetch has succeeded once, a refused fetch goes to the issuer directly (there is nothing to answer
     * with, and refusing would keep a just-started issuer's tokens out for a whole interval).
     */
    static final class LastKeysWhenRateLimited implements JWKSetSource<SecurityContext> {

        private final JWKSetSource<SecurityContext> limited;
        private final JWKSetSource<SecurityContext> unlimited;
        private volatile @Nullable JWKSet last;

        LastKeysWhenRateLimited(JWKSetSource<SecurityContext> limited, JWKSetSource<SecurityContext> unlimited) {
            this.limited = limited;
            this.unlimited = unlimited;
        }

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime,
                @Nullable SecurityContext context) throws KeySourceException {
            JWKSet known = last;
            JWKSet fetched;
            try {
                fetched = limited.getJWKSet(refreshEvaluator, currentTime, context);
            }
            catch (RateLimitReachedException ex) {
                if (known != null) {
                    return known;
                }
                fetched = unlimited.getJWKSet(refreshEvaluator, currentTime, context);
            }
            last = fetched;
            return fetched;
        }

        @Override
        public void close() throws IOException {
            limited.close();
        }
    }
}
