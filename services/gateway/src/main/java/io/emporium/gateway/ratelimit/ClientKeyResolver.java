package io.emporium.gateway.ratelimit;

import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Names the client a request is counted against:
 * <ul>
 * <li>{@code sub:<name>} when the request has been authenticated (the principal's name: a token's {@code sub});</li>
 * <li>otherwise {@code ip:<address>}: the request's remote address, which {@code ClientAddressFilter} has already
 * resolved (the peer, or the client behind a trusted proxy, {@code emporium.gateway.trusted-proxies}). A client
 * cannot pick its own key by sending {@code X-Forwarded-For}.</li>
 * </ul>
 * Never empty.
 */
final class ClientKeyResolver implements KeyResolver {

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .map(principal -> "sub:" + principal.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + addressOf(exchange.getRequest().getRemoteAddress())));
    }

    /** The address as text ({@code 203.0.113.7}, {@code 2001:db8:0:0:0:0:0:1}); "unknown" when there is none. */
    static String addressOf(@Nullable InetSocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
