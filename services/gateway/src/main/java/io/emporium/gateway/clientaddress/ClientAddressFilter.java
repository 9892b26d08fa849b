package io.emporium.gateway.clientaddress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Decides once, before anything else looks at it, which address a request comes from, and makes that the request's
 * {@linkplain ServerHttpRequest#getRemoteAddress() remote address} for everything after it (rate limits, security
 * events, the access log, and the {@code X-Forwarded-For} that Spring Cloud Gateway writes for the services):
 * <ul>
 * <li>the connection's peer, unless the peer is one of the {@link TrustedProxies trusted proxies}
 * ({@code emporium.gateway.trusted-proxies}, none by default); the client's own {@code X-Forwarded-*} and
 * {@code Forwarded} headers are then removed unread, so a client cannot choose its address or pose as a proxy;</li>
 * <li>from a trusted proxy, the right-most address of {@code X-Forwarded-For} (or, without one, of the {@code for=}
 * parameters of {@code Forwarded}) that is not itself a trusted proxy: each proxy appends the address it saw, so
 * entries left of that one may be made up. If that entry is not an IP address (or there is none), the client is
 * unknown and the proxy is taken as the client. The forwarding headers are removed then too, once read; the proxy's
 * {@code X-Forwarded-Proto}, {@code -Host}, {@code -Port} and {@code -Prefix} are kept.</li>
 * </ul>
 * Like Spring's {@code ForwardedHeaderTransformer}, which has no notion of trusted proxies (it believes the left-most
 * entry, the one a client writes).
 */
@Component
@EnableConfigurationProperties(ClientAddressProperties.class)
class ClientAddressFilter implements WebFilter, Ordered {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PREFIX = "x-forwarded-";
    static final String FORWARDED = "Forwarded";

    private final TrustedProxies trustedProxies;

    ClientAddressFilter(ClientAddressProperties properties) {
        this.trustedProxies = TrustedProxies.of(properties.trustedProxies());
    }

    /** First: every filter after it, the access log included, sees the client's address. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        InetSocketAddress peer = request.getRemoteAddress();
        boolean fromTrustedProxy = peer != null && trustedProxies.contains(peer.getAddress());
        if (!fromTrustedProxy && !hasForwardingHeaders(request.getHeaders())) {
            return chain.filter(exchange);
        }
        ServerHttpRequest.Builder resolved = request.mutate();
        if (fromTrustedProxy) {
            forwardedClient(request.getHeaders())
                    .ifPresent(client -> resolved.remoteAddress(new InetSocketAddress(client, 0)));
            resolved.headers(headers -> {
                headers.remove(X_FORWARDED_FOR);
                headers.remove(FORWARDED);
            });
        }
        else {
            resolved.headers(headers -> forwardingHeaderNames(headers).forEach(headers::remove));
        }
        return chain.filter(exchange.mutate().request(resolved.build()).build());
    }

    /** The right-most forwarded address that is not a trusted proxy, if it is an IP address. */
    Optional<InetAddress> forwardedClient(HttpHeaders headers) {
        List<String> hops = forwardedFor(headers);
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = TrustedProxies.ipLiteral(hops.get(i));
            if (hop.isEmpty() || !trustedProxies.contains(hop.get())) {
                return hop;
            }
        }
        return Optional.empty();
    }

    /** The addresses in {@code X-Forwarded-For}, or else in the {@code for=} parameters of {@code Forwarded}. */
    private static List<String> forwardedFor(HttpHeaders headers) {
        List<String> hops = new ArrayList<>();
        for (String value : headers.getOrEmpty(X_FORWARDED_FOR)) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        if (!hops.isEmpty()) {
            return hops;
        }
        for (String value : headers.getOrEmpty(FORWARDED)) {
            for (String element : value.split(",")) {
                for (String pair : element.split(";")) {
                    String[] nameAndValue = pair.strip().split("=", 2);
                    if (nameAndValue.length == 2 && nameAndValue[0].strip().equalsIgnoreCase("for")) {
                        hops.add(unquote(nameAndValue[1].strip()));
                    }
                }
            }
        }
        return hops;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static boolean hasForwardingHeaders(HttpHeaders headers) {
        return !forwardingHeaderNames(headers).isEmpty();
    }

    private static List<String> forwardingHeaderNames(HttpHeaders headers) {
        List<String> names = new ArrayList<>();
        for (String name : headers.headerNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(X_FORWARDED_PREFIX) || lower.equals("forwarded")) {
                names.add(name);
            }
        }
        return names;
    }
}
