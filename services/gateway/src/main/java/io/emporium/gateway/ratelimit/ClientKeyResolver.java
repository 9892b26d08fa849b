package io.emporium.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Names the client a request is counted against:
 * <ul>
 * <li>{@code sub:<name>} when the request has been authenticated (the principal's name: a token's {@code sub});</li>
 * <li>otherwise {@code ip:<address>}: the peer's address, or, when the peer is a trusted proxy
 * ({@code spring.cloud.gateway.server.webflux.trusted-proxies}), the right-most address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy. A client cannot pick its own key by sending
 * {@code X-Forwarded-For} unless it connects from a trusted proxy's address.</li>
 * </ul>
 * Never empty.
 */
final class ClientKeyResolver implements KeyResolver {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final @Nullable TrustedProxies trustedProxies;

    /** @param trustedProxies the gateway's trusted-proxies pattern; null or blank trusts no proxy */
    ClientKeyResolver(@Nullable String trustedProxies) {
        this.trustedProxies = trustedProxies == null || trustedProxies.isBlank() ? null
                : TrustedProxies.from(trustedProxies);
    }

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .map(principal -> "sub:" + principal.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + clientAddress(exchange.getRequest())));
    }

    String clientAddress(ServerHttpRequest request) {
        String peer = addressOf(request.getRemoteAddress());
        if (trustedProxies == null || !trustedProxies.isTrusted(peer)) {
            return peer;
        }
        List<String> forwarded = forwardedFor(request);
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            if (!trustedProxies.isTrusted(forwarded.get(i))) {
                return forwarded.get(i);
            }
        }
        // every hop is a trusted proxy: the left-most is the closest we know to the client
        return forwarded.isEmpty() ? peer : forwarded.getFirst();
    }

    private static List<String> forwardedFor(ServerHttpRequest request) {
        List<String> addresses = new ArrayList<>();
        for (String value : request.getHeaders().getOrEmpty(X_FORWARDED_FOR)) {
            for (String address : value.split(",")) {
                if (!address.isBlank()) {
                    addresses.add(address.strip());
                }
            }
        }
        return addresses;
    }

    private static String addressOf(@Nullable InetSocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
