package io.emporium.gateway.headers;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Removes the internal headers ({@link InternalHeadersProperties}) from every incoming request before anything else
 * in the gateway (security, routing) sees it, so a client can never pose as an internal caller by sending, say,
 * {@code X-User-Id}. Only headers the system's own components add after this point reach a service.
 * {@code Authorization} is never touched: each service checks the token itself. Removed header names (never values)
 * are logged at DEBUG.
 */
@Component
@EnableConfigurationProperties(InternalHeadersProperties.class)
class InternalHeadersFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(InternalHeadersFilter.class);

    private final List<String> prefixes;
    private final Set<String> names;

    InternalHeadersFilter(InternalHeadersProperties properties) {
        this.prefixes = properties.prefixes().stream().map(InternalHeadersFilter::lowerCase).toList();
        this.names = properties.names().stream().map(InternalHeadersFilter::lowerCase).collect(Collectors.toSet());
    }

    /** Right after the internal-path guard, ahead of Spring Security's filter chain and of routing. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> internal = internalHeaderNames(exchange.getRequest().getHeaders());
        if (internal.isEmpty()) {
            return chain.filter(exchange);
        }
        if (log.isDebugEnabled()) {
            log.debug("Removed client-supplied internal headers {} from {} {}", internal,
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath());
        }
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> internal.forEach(headers::remove))
                .build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    List<String> internalHeaderNames(HttpHeaders headers) {
        return headers.headerNames().stream().filter(this::isInternal).toList();
    }

    boolean isInternal(String headerName) {
        String name = lowerCase(headerName);
        return names.contains(name) || prefixes.stream().anyMatch(name::startsWith);
    }

    private static String lowerCase(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
