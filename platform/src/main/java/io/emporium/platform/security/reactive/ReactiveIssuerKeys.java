package io.emporium.platform.security.reactive;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The issuer's public keys for the reactive resource server (the gateway), the twin of the servlet side's Nimbus
 * cache and rate limiter ({@code IssuerKeys}), which are blocking and so cannot be used here: Spring's reactive
 * JWKS source fetches the keys again for every token naming an unknown key id.
 *
 * <ul>
 * <li>The keys are fetched on the first token, and again once they are older than {@code timeToLive}.</li>
 * <li>A token naming a key id the keys lack makes them be fetched again only if the last fetch started at least
 * {@code minRefreshInterval} ago; otherwise it is checked against the keys held, matches none and is refused (401).
 * So a storm of made-up key ids costs the issuer one fetch per interval, and a key the issuer really rotated in is
 * accepted from the first token naming it after the interval.</li>
 * <li>Concurrent fetches are one fetch. While no keys were ever fetched (the issuer is still starting), every token
 * may fetch; a failed fetch fails the tokens waiting for it (503, keys unreachable) and is not remembered.</li>
 * </ul>
 */
final class ReactiveIssuerKeys implements Function<SignedJWT, Flux<JWK>> {

    static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);

    private final Mono<JWKSet> fetch;
    private final Duration minRefreshInterval;
    private final Duration timeToLive;
    private final Clock clock;
    private final AtomicReference<@Nullable Held> held = new AtomicReference<>();
    private final AtomicReference<@Nullable Mono<JWKSet>> inFlight = new AtomicReference<>();
    private volatile Instant lastFetchStarted = Instant.MIN;

    ReactiveIssuerKeys(WebClient client, URI jwks, Duration minRefreshInterval, Duration timeToLive, Clock clock) {
        this.fetch = client.get().uri(jwks).retrieve().bodyToMono(String.class).map(ReactiveIssuerKeys::parse);
        this.minRefreshInterval = minRefreshInterval;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    private record Held(JWKSet keys, Instant fetchedAt) {
    }

    @Override
    public Flux<JWK> apply(SignedJWT jwt) {
        JWKMatcher matcher = JWKMatcher.forJWSHeader(jwt.getHeader());
        if (matcher == null) {
            // an algorithm no key could serve: no keys, so the token is refused as invalid, with nothing fetched
            return Flux.empty();
        }
        JWKSelector selector = new JWKSelector(matcher);
        Instant now = clock.instant();
        Held current = held.get();
        if (current == null || !current.fetchedAt().plus(timeToLive).isAfter(now)) {
            return fetchOnce(now).flatMapIterable(selector::select);
        }
        List<JWK> matching = selector.select(current.keys());
        if (!matching.isEmpty() || lastFetchStarted.plus(minRefreshInterval).isAfter(now)) {
            return Flux.fromIterable(matching);
        }
        return fetchOnce(now).flatMapIterable(selector::select);
    }

    /** The fetch in progress, or a new one: every caller of this moment shares one request to the issuer. */
    private Mono<JWKSet> fetchOnce(Instant now) {
        while (true) {
            Mono<JWKSet> running = inFlight.get();
            if (running != null) {
                return running;
            }
            AtomicReference<@Nullable Mono<JWKSet>> self = new AtomicReference<>();
            Mono<JWKSet> started = fetch
                    .doOnNext(keys -> held.set(new Held(keys, clock.instant())))
                    .doFinally(signal -> inFlight.compareAndSet(self.get(), null))
                    .cache();
            self.set(started);
            if (inFlight.compareAndSet(null, started)) {
                lastFetchStarted = now;
                return started;
            }
        }
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        }
        catch (ParseException ex) {
            throw new IllegalStateException("The issuer's JWKS is not a JWK set: " + ex.getMessage(), ex);
        }
    }
}
