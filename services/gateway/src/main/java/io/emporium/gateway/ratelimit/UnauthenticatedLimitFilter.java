package io.emporium.gateway.ratelimit;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.emporium.gateway.GatewayProblem;
import io.github.bucket4j.TimeMeter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The budget of a client address for what is not authenticated ({@code emporium.gateway.rate-limit.unauthenticated}),
 * checked before Spring Security spends anything on the request, so that a flood of made-up tokens costs the gateway
 * no signature checks (and no key fetches) beyond that budget:
 * <ul>
 * <li>every {@code /api/**} request without a bearer token costs its address a token of the budget, taken before
 * the request goes on; the gateway's own endpoints ({@code /actuator/health}, ...) without a token cost nothing;</li>
 * <li>every request with a bearer token that ends in 401 (a bad, expired or forged token) costs its address a token
 * once the answer is known; a request with a valid token costs nothing here;</li>
 * <li>while an address's budget is empty, every request from it is refused with a 429 problem and
 * {@code Retry-After}, without its token being parsed, let alone verified: a client that shares its address with a
 * token guesser (behind the same NAT) is refused too until the budget refills, for at most
 * {@code 1 / replenish-rate} seconds at a time once the guessing stops.</li>
 * </ul>
 * The address is the request's remote address as {@code ClientAddressFilter} resolved it (the peer, or the client
 * behind a trusted proxy). Refusals are counted ({@link Refusals}, {@code limit="pre-auth"}).
 * <p>
 * The budgets live in the same {@link RateLimiter} as the per-client limit (in memory, or Redis), in scope
 * {@value #SCOPE}. A rate limiter only answers "take a token?", so whether a budget is empty is learnt from the
 * answers to the charges: a refusal, or an admission that left nothing, marks the address empty here, in this
 * instance's memory, until the next token is due. Concurrent bad-token requests from an address whose budget is
 * just running out may each be verified (at most as many as are in flight at once).
 */
final class UnauthenticatedLimitFilter implements WebFilter, Ordered {

    static final String SCOPE = "unauthenticated";
    private static final String BEARER = "bearer ";

    private final RateLimiter<?> rateLimiter;
    private final RateLimitProperties.Limit limit;
    private final Refusals refusals;
    private final TimeMeter clock;
    /** Client address to the time (of {@link #clock}, in nanoseconds) until which its budget is known to be empty. */
    private final Cache<String, Long> emptyUntil;

    /**
     * @param clock the time of the buckets in memory ({@link TimeMeter#SYSTEM_NANOTIME} unless a test moves it)
     */
    UnauthenticatedLimitFilter(RateLimiter<?> rateLimiter, RateLimitProperties properties, Refusals refusals,
            TimeMeter clock) {
        this.rateLimiter = rateLimiter;
        this.limit = properties.unauthenticated();
        this.refusals = refusals;
        this.clock = clock;
        // a mark lasts until the next token at most (Retry-After rounds that up to whole seconds)
        this.emptyUntil = Caffeine.newBuilder()
                .maximumSize(properties.maxClients())
                .expireAfterWrite(Duration.ofNanos(Math.max(limit.nanosPerToken(), TimeUnit.SECONDS.toNanos(1))))
                .ticker(clock::currentTimeNanos)
                .build();
    }

    /** Right before Spring Security's filter chain, which verifies the token. */
    @Override
    public int getOrder() {
        return RateLimitFilter.SECURITY_FILTER_CHAIN_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        boolean bearer = hasBearerToken(request);
        if (!bearer && !path.startsWith(Refusals.API_PREFIX)) {
            return chain.filter(exchange);
        }
        String address = ClientKeyResolver.addressOf(request.getRemoteAddress());
        Long empty = emptyUntil.getIfPresent(address);
        long now = clock.currentTimeNanos();
        if (empty != null && now < empty) {
            return refuse(path, InMemoryRateLimiter.wholeSecondsAtLeastOne(empty - now));
        }
        if (!bearer) {
            return charge(address).flatMap(retryAfter -> refuse(path, retryAfter))
                    .switchIfEmpty(Mono.defer(() -> chain.filter(exchange)));
        }
        exchange.getResponse().beforeCommit(() -> HttpStatus.UNAUTHORIZED.equals(exchange.getResponse().getStatusCode())
                ? charge(address).then() : Mono.empty());
        return chain.filter(exchange);
    }

    /**
     * Takes a token from the address's budget, and marks the address empty if that shows it is.
     *
     * @return the seconds to wait when there was no token to take; empty when one was taken
     */
    private Mono<Long> charge(String address) {
        return rateLimiter.isAllowed(SCOPE, "ip:" + address).flatMap(decision -> {
            long now = clock.currentTimeNanos();
            if (!decision.isAllowed()) {
                long retryAfter = RateLimitFilter.retryAfterSeconds(decision.getHeaders(), limit.replenishRate());
                emptyUntil.put(address, now + TimeUnit.SECONDS.toNanos(retryAfter));
                return Mono.just(retryAfter);
            }
            if ("0".equals(decision.getHeaders().get(InMemoryRateLimiter.REMAINING_HEADER))) {
                // that was the last token: none is left until the next one is due
                emptyUntil.put(address, now + limit.nanosPerToken());
            }
            return Mono.empty();
        });
    }

    private Mono<Void> refuse(String path, long retryAfterSeconds) {
        refusals.count(path, Refusals.PRE_AUTH);
        GatewayProblem refusal = GatewayProblem.tooManyRequests(retryAfterSeconds,
                limit.describe("per client address for requests without a valid token"));
        return Mono.error(refusal);
    }

    private static boolean hasBearerToken(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.length() >= BEARER.length()
                && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER);
    }
}
